import IPFeedCore
