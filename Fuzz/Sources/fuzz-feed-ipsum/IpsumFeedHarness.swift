import FuzzSupport
import IPFeedCore

/// The ipsum feed parser against arbitrary bodies, whole and in chunks (see `FeedProperties`).
enum IpsumFeedHarness {
  static func check(_ body: [UInt8]) {
    FeedProperties.check(body: body, format: .ipsum)
  }
}
