import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

/// CurlFeedFetcher against Debian's nginx: conditional GET, validators, gzip.
@Suite struct HTTPFetchNginxTests {
  let feed = HTTPTestSupport.generatedFeed(count: 2000)

  @Test func firstFetchIs200WithNginxValidatorsAndGzip() throws {
    let nginx = try NginxTestServer()
    try nginx.serve("feed.txt", feed)
    let result = try CurlFeedFetcher().fetch(HTTPTestSupport.request("\(nginx.baseURL)/feed.txt"))

    guard case .body(let body, let validators, let stats) = result else {
      Issue.record("expected a body, got \(result)")
      return
    }
    #expect(body == feed)
    // nginx's ETag of a gzipped 200 is weak.
    #expect(validators.etag?.hasPrefix("W/\"") == true)
    #expect(validators.lastModified == "Sun, 09 Sep 2001 01:46:40 GMT")
    #expect(stats.httpStatus == 200)
    #expect(stats.bodyBytes == feed.count)
    #expect(stats.wireBytes < feed.count / 2)
    #expect(stats.validatorsSent == .none)

    let log = try nginx.accessLog(count: 1)
    #expect(log.count == 1)
    #expect(log.first?.ifNoneMatch == nil)
    #expect(log.first?.ifModifiedSince == nil)
    #expect(log.first?.acceptEncoding?.contains("gzip") == true)
    #expect(log.first?.userAgent == CurlFeedFetcher.userAgent)
    #expect(
      CurlFeedFetcher.userAgent.hasPrefix("falco-ipfeed/\(FalcoIPFeedVersion.string) (+https://"))
  }

  @Test(arguments: ["both", "etag", "lastModified"])
  func conditionalGetIs304(sending which: String) throws {
    let nginx = try NginxTestServer()
    try nginx.serve("feed.txt", feed)
    let fetcher = CurlFeedFetcher()
    let url = "\(nginx.baseURL)/feed.txt"
    guard case .body(_, let stored, _) = try fetcher.fetch(HTTPTestSupport.request(url)) else {
      Issue.record("expected a body")
      return
    }
    var sent = stored
    if which == "etag" { sent.lastModified = nil }
    if which == "lastModified" { sent.etag = nil }

    let second = try fetcher.fetch(HTTPTestSupport.request(url, sent))
    guard case .notModified(let stats) = second else {
      Issue.record("expected 304, got \(second)")
      return
    }
    #expect(stats.httpStatus == 304)
    #expect(stats.bodyBytes == 0)
    #expect(stats.validatorsSent == sent)

    let log = try nginx.accessLog(count: 2)
    #expect(log.map(\.status) == [200, 304])
    #expect(log.last?.ifNoneMatch == sent.etag)
    #expect(log.last?.ifModifiedSince == sent.lastModified)
    #expect(log.last?.bodyBytesSent == 0)
  }

  @Test func staleETagGetsTheNewBodyAndItsValidators() throws {
    let nginx = try NginxTestServer()
    try nginx.serve("feed.txt", feed)
    let fetcher = CurlFeedFetcher()
    let url = "\(nginx.baseURL)/feed.txt"
    guard case .body(_, let old, _) = try fetcher.fetch(HTTPTestSupport.request(url)) else {
      Issue.record("expected a body")
      return
    }

    let changed = HTTPTestSupport.generatedFeed(count: 2100, seed: 7)
    try nginx.serve("feed.txt", changed, modified: Date(timeIntervalSince1970: 1.2e9))
    let result = try fetcher.fetch(HTTPTestSupport.request(url, old))
    guard case .body(let body, let new, let stats) = result else {
      Issue.record("expected the changed body, got \(result)")
      return
    }
    #expect(body == changed)
    #expect(new.etag != old.etag)
    #expect(new.lastModified == "Thu, 10 Jan 2008 21:20:00 GMT")
    #expect(stats.validatorsSent == old)
    #expect(try nginx.accessLog(count: 2).map(\.status) == [200, 200])
  }

  @Test func uncompressedBodyKeepsTheStrongETag() throws {
    let nginx = try NginxTestServer()
    let bytes = [UInt8](repeating: 0x41, count: 5000)
    try nginx.serve("feed.bin", bytes)  // not text/plain: nginx does not gzip it
    let url = "\(nginx.baseURL)/feed.bin"
    let fetcher = CurlFeedFetcher()
    guard
      case .body(let body, let validators, let stats) = try fetcher.fetch(
        HTTPTestSupport.request(url))
    else {
      Issue.record("expected a body")
      return
    }
    #expect(body == bytes)
    #expect(validators.etag?.hasPrefix("\"") == true)
    #expect(stats.wireBytes > bytes.count)
    guard case .notModified = try fetcher.fetch(HTTPTestSupport.request(url, validators)) else {
      Issue.record("expected 304")
      return
    }
  }

  @Test func missingFileIsHTTP404() throws {
    let nginx = try NginxTestServer()
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(nginx.baseURL)/nothing.txt")
    #expect(error?.cause == "HTTP 404 Not Found")
    #expect(error?.stats?.httpStatus == 404)
    #expect(error?.retryAfter == nil)
    #expect(error?.description.hasPrefix("source test-feed: fetching http://127.0.0.1:") == true)
  }

  @Test(
    .enabled(
      if: HTTPTestSupport.snapshotExists,
      "the IPsum snapshot is absent: expected at ../shared/data/ipsum/ipsum-2026-08-22.txt"))
  func ipsumSnapshotTravelsGzippedAndArrivesByteForByte() throws {
    let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: HTTPTestSupport.snapshotPath)))
    let nginx = try NginxTestServer()
    try nginx.serve("ipsum.txt", file)
    let fetcher = CurlFeedFetcher()
    let url = "\(nginx.baseURL)/ipsum.txt"

    guard
      case .body(let body, let validators, let full) = try fetcher.fetch(
        HTTPTestSupport.request(url))
    else {
      Issue.record("expected a body")
      return
    }
    #expect(body == file)
    #expect(Double(full.wireBytes) < 0.4 * Double(file.count))
    guard
      case .notModified(let unchanged) = try fetcher.fetch(
        HTTPTestSupport.request(url, validators))
    else {
      Issue.record("expected 304")
      return
    }

    // Figures: the median of a few runs of each.
    var fullTimes: [Duration] = [full.elapsed]
    var unchangedTimes: [Duration] = [unchanged.elapsed]
    for _ in 0..<4 {
      fullTimes.append(try fetcher.fetch(HTTPTestSupport.request(url)).stats.elapsed)
      unchangedTimes.append(
        try fetcher.fetch(HTTPTestSupport.request(url, validators)).stats.elapsed)
    }
    print(
      """
      HTTP figures, IPsum snapshot over loopback nginx:
        file: \(file.count) bytes
        200 gzip: \(full.wireBytes) bytes on the wire \
      (\(String(format: "%.1f", 100 * Double(full.wireBytes) / Double(file.count)))% of the \
      file), median \(fullTimes.sorted()[2]) (runs: \(fullTimes))
        304: \(unchanged.wireBytes) bytes on the wire, median \(unchangedTimes.sorted()[2]) \
      (runs: \(unchangedTimes))
      """)
  }
}
