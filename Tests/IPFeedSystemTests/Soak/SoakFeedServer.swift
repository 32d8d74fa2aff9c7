import Foundation
import Synchronization

/// A feed server on 127.0.0.1 that goes through a fixed script, one step per request: it
/// publishes one of two good feeds or a broken one, answers conditional requests with 304 when
/// nothing was published since, and fails in each way a server fails (500, a reset, a slow
/// body, a truncated one). It records what it served, so that a test can tell which lists the
/// daemon must have applied.
final class SoakFeedServer: Sendable {
  /// The feeds it publishes.
  enum Feed: String, Sendable, CaseIterable {
    case first, second
    /// An HTML error page served with 200: a good daemon rejects it.
    case errorPage
  }

  enum Step: Sendable {
    /// Publishes a feed, then answers as `.same` does.
    case publish(Feed)
    /// 304 when the request's ETag is the published feed's, else the published feed.
    case same
    case serverError
    /// Part of the body, then a connection reset.
    case reset
    /// The body a few bytes at a time, slower than the daemon's timeout.
    case slowBody
    /// Part of the body, then an orderly close, short of the Content-Length.
    case truncated
  }

  /// What one request got.
  enum Served: Sendable, Equatable {
    case body(Feed)
    case notModified
    case fault
  }

  static let script: [Step] = [
    .publish(.first), .same, .serverError, .same, .publish(.second), .same, .reset, .same,
    .slowBody, .publish(.errorPage), .same, .publish(.first), .truncated, .same,
  ]

  /// The addresses of each good feed: 2,000 each, 200 of them different.
  static func addresses(_ feed: Feed) -> [String] {
    let offset = feed == .second ? 200 : 0
    return (offset + 1...offset + 2_000).map {
      "11.\($0 >> 16 & 0xFF).\($0 >> 8 & 0xFF).\($0 & 0xFF)"
    }
  }

  static func body(_ feed: Feed) -> [UInt8] {
    switch feed {
    case .first, .second:
      Array(("# soak feed\n" + addresses(feed).map { "\($0)\t3\n" }.joined()).utf8)
    case .errorPage:
      Array(
        ("<html><head><title>502 Bad Gateway</title></head>\n<body>\n"
          + String(repeating: "<p>upstream unavailable</p>\n", count: 20) + "</body></html>\n")
          .utf8)
    }
  }

  private struct State {
    var step = 0
    var published = Feed.first
    var served: [Served] = []
  }

  /// The script's position and what was served, shared with the server's threads.
  private final class Progress: Sendable {
    let state = Mutex(State())
  }

  private let progress: Progress
  private let server: FaultServer

  var url: String { "\(server.baseURL)/ipsum.txt" }

  /// Everything served so far, in order.
  var served: [Served] { progress.state.withLock { $0.served } }

  init() throws {
    let bodies = Dictionary(uniqueKeysWithValues: Feed.allCases.map { ($0, Self.body($0)) })
    let progress = Progress()
    self.progress = progress
    server = try FaultServer { request in
      progress.state.withLock { state in
        let step = Self.script[state.step % Self.script.count]
        state.step += 1
        let (reply, served) = Self.reply(to: request, step, &state.published, bodies)
        state.served.append(served)
        return reply
      }
    }
  }

  func stop() {
    server.stop()
  }

  private static func reply(
    to request: FaultServer.Request, _ step: Step, _ published: inout Feed,
    _ bodies: [Feed: [UInt8]]
  ) -> (FaultServer.Reply, Served) {
    let partial = Array(bodies[.first]!.prefix(1_000))
    let full = bodies[.first]!.count
    switch step {
    case .publish(let feed):
      published = feed
      return current(request, published, bodies)
    case .same:
      return current(request, published, bodies)
    case .serverError:
      return (
        .init(status: 500, reason: "Internal Server Error", body: Array("oops\n".utf8)), .fault
      )
    case .reset:
      return (
        .init(status: 200, reason: "OK", body: partial, contentLength: full, ending: .reset), .fault
      )
    case .slowBody:
      return (
        .init(
          status: 200, reason: "OK", body: bodies[.first]!,
          pace: .trickle(bytes: 64, every: .milliseconds(100))), .fault
      )
    case .truncated:
      return (.init(status: 200, reason: "OK", body: partial, contentLength: full), .fault)
    }
  }

  private static func current(
    _ request: FaultServer.Request, _ feed: Feed, _ bodies: [Feed: [UInt8]]
  ) -> (FaultServer.Reply, Served) {
    let etag = "\"\(feed.rawValue)\""
    if request.headers["if-none-match"] == etag {
      return (.init(status: 304, reason: "Not Modified", headers: ["ETag: \(etag)"]), .notModified)
    }
    return (
      .init(status: 200, reason: "OK", headers: ["ETag: \(etag)"], body: bodies[feed]!),
      .body(feed)
    )
  }
}
