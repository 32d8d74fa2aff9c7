import FuzzSupport
import IPFeedCore

/// The plain feed parser against arbitrary bodies, whole and in chunks (see `FeedProperties`).
enum PlainFeedHarness {
  static func check(_ body: [UInt8]) {
    FeedProperties.check(body: body, format: .plain)
  }
}
