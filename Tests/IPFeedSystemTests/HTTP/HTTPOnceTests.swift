import Foundation
import IPFeedCore
import Testing

/// `falco-ipfeed once` over HTTP, as a user runs it: conditional GETs against nginx, and each
/// fault a feed server can make leaving the applied list and the stored validators alone.
@Suite(.serialized) struct HTTPOnceTests {
  let directory: TemporaryDirectory
  let outputPath: String

  init() throws {
    directory = try TemporaryDirectory()
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
  }

  private func writeConfig(url: String, extra: String = "") throws -> String {
    try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: \(url)
          threshold: 2
      output:
        path: \(outputPath)
      falco:
        reload: none
        validate: never
      \(extra)
      """)
  }

  private func once(_ config: String) throws -> CommandRun {
    try CommandRun.falcoIPFeed(["once", "--config", config])
  }

  private func status(_ config: String) throws -> [String: Any] {
    let run = try CommandRun.falcoIPFeed(["status", "--json", "--config", config])
    let object = try JSONSerialization.jsonObject(with: Data(run.output.utf8))
    let sources = try #require((object as? [String: Any])?["sources"] as? [[String: Any]])
    return try #require(sources.first)
  }

  private func fileStat() -> stat {
    var info = stat()
    stat(outputPath, &info)
    return info
  }

  private let feed = Array("# test\n8.8.8.8\t5\n1.1.1.1\t4\n9.9.9.9\t1\n".utf8)

  @Test func twoHundredThenThreeOhFourLeavesTheFileAlone() throws {
    let nginx = try NginxTestServer()
    try nginx.serve("ipsum.txt", feed)
    let config = try writeConfig(url: "\(nginx.baseURL)/ipsum.txt")

    let first = try once(config)
    #expect(first.status == 0, "\(first.output)\(first.error)")
    #expect(first.output.hasPrefix("applied: 2 addresses (+2 −0)"))
    #expect(first.output.contains("ipsum: HTTP 200"))
    let before = fileStat()
    let stored = try status(config)
    let etag = try #require(stored["etag"] as? String)
    #expect(stored["last_modified"] as? String == "Sun, 09 Sep 2001 01:46:40 GMT")

    let second = try once(config)
    #expect(second.status == 0)
    #expect(second.output.hasPrefix("unchanged: 2 addresses"))
    #expect(second.output.contains("ipsum: HTTP 304"))
    #expect(second.output.contains("sent ETag \(etag)"))
    let requests = try nginx.accessLog(count: 2)
    #expect(requests.map(\.status) == [200, 304])
    #expect(requests[1].ifNoneMatch == etag)
    #expect(requests[1].ifModifiedSince == "Sun, 09 Sep 2001 01:46:40 GMT")
    let after = fileStat()
    #expect(after.st_ino == before.st_ino)
    #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec)
    #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)

    // A changed feed: downloaded again, applied, new validators stored.
    try nginx.serve(
      "ipsum.txt", Array("8.8.8.8\t5\n1.1.1.1\t4\n4.4.4.4\t3\n".utf8),
      modified: Date(timeIntervalSince1970: 1.1e9))
    let third = try once(config)
    #expect(third.status == 0)
    #expect(third.output.hasPrefix("applied: 3 addresses (+1 −0)"))
    #expect(try status(config)["etag"] as? String != etag)
  }

  /// Each fault, after a good first download from the same URL: exit 1, the rules file byte
  /// for byte as it was, the error in the state journal, the validators where they were.
  @Test(arguments: [
    "500", "429", "503", "slow", "truncated", "reset", "gzip bomb", "bad gzip", "html",
    "redirect loop", "refused",
  ])
  func faultLeavesListAndValidatorsAlone(fault: String) throws {
    let good = FaultServer.Reply(
      status: 200, reason: "OK",
      headers: ["ETag: \"v1\"", "Last-Modified: Sun, 09 Sep 2001 01:46:40 GMT"], body: feed)
    var server: FaultServer? = try FaultServer(["/feed.txt": good])
    let port = server!.port
    let url = "http://127.0.0.1:\(port)/feed.txt"
    let config = try writeConfig(url: url, extra: "http:\n  timeout: 2s\n  max_bytes: 1MiB\n")
    #expect(try once(config).status == 0)
    let applied = try directory.read("falco/rules.d/falco-ipfeed.yaml")
    server?.stop()
    server = nil

    let reply: FaultServer.Reply?
    var cause: String
    switch fault {
    case "500":
      reply = .init(status: 500, reason: "Internal Server Error")
      cause = "HTTP 500 Internal Server Error"
    case "429":
      reply = .init(status: 429, reason: "Too Many Requests", headers: ["Retry-After: 600"])
      cause = "HTTP 429 Too Many Requests; the server asks to retry after 10m"
    case "503":
      reply = .init(status: 503, reason: "Service Unavailable", headers: ["Retry-After: 60"])
      cause = "HTTP 503 Service Unavailable"
    case "slow":
      reply = .init(
        status: 200, reason: "OK", body: feed, pace: .trickle(bytes: 1, every: .milliseconds(500)))
      cause = "timed out"
    case "truncated":
      reply = .init(status: 200, reason: "OK", body: feed, contentLength: 10_000)
      cause = "truncated body"
    case "reset":
      reply = .init(status: 200, reason: "OK", body: feed, contentLength: 10_000, ending: .reset)
      cause = "connection reset"
    case "gzip bomb":
      reply = .init(
        status: 200, reason: "OK", headers: ["Content-Encoding: gzip"],
        body: try HTTPTestSupport.gzippedZeros(count: 8 << 20))
      cause = "body exceeds http.max_bytes (1048576 bytes)"
    case "bad gzip":
      reply = .init(
        status: 200, reason: "OK", headers: ["Content-Encoding: gzip"], body: Array("no".utf8))
      cause = "bad compressed body"
    case "html":
      reply = .init(
        status: 200, reason: "OK", headers: ["Content-Type: text/html"],
        body: Array("<html>\n<body>Service temporarily unavailable</body>\n</html>\n".utf8))
      cause = "feed rejected"
    case "redirect loop":
      reply = .redirect(to: url)
      cause = "redirect"
    default:
      reply = nil
      cause = "connection refused"
    }
    let faulty = try reply.map { try FaultServer(["/feed.txt": $0], port: port) }
    defer { faulty?.stop() }

    let run = try once(config)
    #expect(run.status == 1, "\(run.output)\(run.error)")
    #expect(run.output.localizedCaseInsensitiveContains(cause), "\(run.output)")
    #expect(try directory.read("falco/rules.d/falco-ipfeed.yaml") == applied)
    let source = try status(config)
    #expect(source["etag"] as? String == "\"v1\"")
    #expect((source["last_error"] as? String)?.localizedCaseInsensitiveContains(cause) == true)
    #expect(source["consecutive_failures"] as? Int == 1)
    #expect(!directory.allFiles().contains { $0.contains(".tmp.") })
  }

  /// The scheme is case-insensitive: `HTTP://` is fetched like `http://`.
  @Test func uppercaseSchemeIsFetched() throws {
    let nginx = try NginxTestServer()
    try nginx.serve("ipsum.txt", feed)
    let url = "HTTP" + nginx.baseURL.dropFirst("http".count) + "/ipsum.txt"
    let config = try writeConfig(url: url)
    #expect(try CommandRun.falcoIPFeed(["check-config", "--config", config]).status == 0)
    let run = try once(config)
    #expect(run.status == 0, "\(run.output)\(run.error)")
    #expect(run.output.hasPrefix("applied: 2 addresses (+2 −0)"), "\(run.output)")
  }

  /// A URL's user info and query never reach the terminal, the rules file, the state journal's
  /// error text or a report: not after a success, not after a failure.
  @Test func credentialsAreNeverShown() throws {
    let good = FaultServer.Reply(status: 200, reason: "OK", body: feed)
    var server: FaultServer? = try FaultServer(["/feed.txt": good])
    let port = server!.port
    let url = "http://feeduser:pass-s3cret@127.0.0.1:\(port)/feed.txt?api_key=key-s3cret"
    let config = try writeConfig(url: url)
    var shown: [String] = []
    let first = try once(config)
    #expect(first.status == 0, "\(first.output)\(first.error)")
    let rulesFile = try directory.read("falco/rules.d/falco-ipfeed.yaml")
    shown += [first.output, first.error, String(decoding: rulesFile, as: UTF8.self)]
    server?.stop()
    server = nil

    // A redirect loop whose Location carries the credentials, then a plain error.
    let looping = try FaultServer(["/feed.txt": .redirect(to: url)], port: port)
    let second = try once(config)
    looping.stop()
    #expect(second.status == 1)
    #expect(second.output.contains("redirect"), "\(second.output)")
    shown += [second.output, second.error]
    let failing = try FaultServer(
      ["/feed.txt": .init(status: 500, reason: "Internal Server Error")], port: port)
    defer { failing.stop() }
    let third = try once(config)
    #expect(third.status == 1)
    #expect(
      third.error.contains("http://127.0.0.1:\(port)/feed.txt failed: HTTP 500"), "\(third.error)")
    shown += [third.output, third.error]
    for arguments in [["status"], ["status", "--json"], ["history", "--json"], ["check-config"]] {
      let run = try CommandRun.falcoIPFeed(arguments + ["--config", config])
      #expect(run.status == 0, "\(arguments): \(run.error)")
      shown += [run.output, run.error]
    }
    let lastError = try #require(try status(config)["last_error"] as? String)
    #expect(lastError.contains("http://127.0.0.1:\(port)/feed.txt"), "\(lastError)")
    for text in shown {
      #expect(!text.contains("s3cret"), "\(text)")
      #expect(!text.contains("feeduser"), "\(text)")
    }
  }

  @Test(.enabled(if: TestPaths.snapshotExists, TestPaths.skipWithoutSnapshot))
  func snapshotTravelsGzippedAndAppliesThenCostsA304() throws {
    let nginx = try NginxTestServer()
    try nginx.serve(
      "ipsum.txt", Array(try Data(contentsOf: URL(fileURLWithPath: TestPaths.snapshot))))
    let config = try writeConfig(url: "\(nginx.baseURL)/ipsum.txt")
    let started = ContinuousClock.now
    let first = try once(config)
    let firstTime = ContinuousClock.now - started
    #expect(first.status == 0, "\(first.error)")
    let fileSize =
      try FileManager.default.attributesOfItem(atPath: TestPaths.snapshot)[.size] as! Int
    let transfer = try #require(try status(config)["transfer"] as? [String: Any])
    let wire = try #require(transfer["wire_bytes"] as? Int)
    #expect(wire * 100 < fileSize * 40, "wire \(wire) of \(fileSize)")
    #expect(transfer["body_bytes"] as? Int == fileSize)
    let secondStart = ContinuousClock.now
    let second = try once(config)
    let secondTime = ContinuousClock.now - secondStart
    #expect(second.output.contains("HTTP 304"))
    print(
      "once over loopback nginx, 120k snapshot: 200 gzip \(wire) bytes on the wire, \(firstTime); 304 \(secondTime)"
    )
  }
}
