import Dispatch
import Foundation
import IPFeedCore
import IPFeedSystem
import Synchronization
import Testing

/// CurlFeedFetcher against FaultServer: every fault a feed server can make.
@Suite struct HTTPFaultTests {
  @Test func serverErrorIsHTTP500() throws {
    let server = try FaultServer([
      "/feed": .init(
        status: 500, reason: "Oops", headers: ["Content-Type: text/html"],
        body: Array("<html>broken</html>".utf8))
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/feed")
    #expect(error?.cause == "HTTP 500 Internal Server Error")
    #expect(error?.retryAfter == nil)
    #expect(error?.stats?.httpStatus == 500)
    #expect(error?.source == "test-feed")
    #expect(error?.url.text == "\(server.baseURL)/feed")
  }

  @Test func tooManyRequestsWithRetryAfterSeconds() throws {
    let server = try FaultServer([
      "/feed": .init(status: 429, reason: "Too Many Requests", headers: ["Retry-After: 120"])
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/feed")
    #expect(error?.retryAfter == .seconds(120))
    #expect(
      error?.cause == "HTTP 429 Too Many Requests; the server asks to retry after 2m")
  }

  @Test func serviceUnavailableWithRetryAfterDate() throws {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    let inAnHour = formatter.string(from: Date().addingTimeInterval(3600))
    let server = try FaultServer([
      "/feed": .init(
        status: 503, reason: "Service Unavailable", headers: ["Retry-After: \(inAnHour)"])
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/feed")
    let wait = try #require(error?.retryAfter)
    #expect(wait > .seconds(3590) && wait <= .seconds(3600))
    #expect(error?.cause.hasPrefix("HTTP 503 Service Unavailable; the server asks") == true)
  }

  @Test func serviceUnavailableWithoutRetryAfter() throws {
    let server = try FaultServer(["/feed": .init(status: 503, reason: "Busy")])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/feed")
    #expect(error?.cause == "HTTP 503 Service Unavailable")
    #expect(error?.retryAfter == nil)
  }

  @Test func bodySlowerThanTheTimeout() throws {
    let server = try FaultServer([
      "/slow": .init(
        status: 200, reason: "OK", body: [UInt8](repeating: 0x31, count: 10_000),
        pace: .trickle(bytes: 10, every: .milliseconds(100)))
    ])
    let fetcher = CurlFeedFetcher(options: .init(timeout: .seconds(1)))
    let started = ContinuousClock.now
    let error = HTTPTestSupport.failure(of: fetcher, "\(server.baseURL)/slow")
    #expect(ContinuousClock.now - started < .seconds(3))
    let cause = try #require(error?.cause)
    #expect(cause.hasPrefix("timed out: the download took longer than http.timeout (1s)"))
    #expect(cause.contains("raise http.timeout"))
    #expect(cause.contains("(libcurl: Operation timed out after"))
  }

  @Test func bodyCutShortOfItsContentLength() throws {
    let server = try FaultServer([
      "/cut": .init(
        status: 200, reason: "OK", body: HTTPTestSupport.generatedFeed(count: 50),
        contentLength: 100_000)
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/cut")
    let cause = try #require(error?.cause)
    let sent = HTTPTestSupport.generatedFeed(count: 50).count
    #expect(
      cause.hasPrefix(
        "truncated body: the connection closed after \(sent) bytes of the 100000 announced by "
          + "Content-Length"))
    #expect(cause.contains("libcurl: transfer closed with"))
  }

  @Test func connectionResetMidBody() throws {
    let server = try FaultServer([
      "/reset": .init(
        status: 200, reason: "OK", body: [UInt8](repeating: 0x32, count: 1000),
        contentLength: 100_000, ending: .reset)
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/reset")
    let cause = try #require(error?.cause)
    #expect(cause.hasPrefix("connection reset by 127.0.0.1 port \(server.port)"))
    #expect(cause.contains("Connection reset by peer"))
  }

  @Test func gzipBombStopsAtMaxBytes() throws {
    let bomb = try HTTPTestSupport.gzippedZeros(count: 32 << 20)
    #expect(bomb.count < 100_000)
    let server = try FaultServer([
      "/bomb": .init(
        status: 200, reason: "OK", headers: ["Content-Encoding: gzip"], body: bomb)
    ])
    let fetcher = CurlFeedFetcher(options: .init(maxBytes: 1 << 20))
    let error = HTTPTestSupport.failure(of: fetcher, "\(server.baseURL)/bomb")
    #expect(
      error?.cause
        == "body exceeds http.max_bytes (1048576 bytes); raise http.max_bytes if the feed "
        + "really is that large")
    #expect(try #require(error?.stats).bodyBytes <= 1 << 20)
  }

  @Test func plainBodyOverMaxBytes() throws {
    let server = try FaultServer([
      "/big": .init(status: 200, reason: "OK", body: [UInt8](repeating: 0x33, count: 300_000)),
      "/unannounced": .init(
        status: 200, reason: "OK", body: [UInt8](repeating: 0x33, count: 300_000),
        announcesLength: false),
    ])
    let fetcher = CurlFeedFetcher(options: .init(maxBytes: 100_000))
    for path in ["/big", "/unannounced"] {
      let error = HTTPTestSupport.failure(of: fetcher, "\(server.baseURL)\(path)")
      #expect(error?.cause.hasPrefix("body exceeds http.max_bytes (100000 bytes)") == true)
    }
  }

  @Test func invalidGzipBody() throws {
    let server = try FaultServer([
      "/bad-gzip": .init(
        status: 200, reason: "OK", headers: ["Content-Encoding: gzip"],
        body: Array("this is not gzip at all, not even close\n".utf8))
    ])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/bad-gzip")
    let cause = try #require(error?.cause)
    #expect(
      cause.hasPrefix(
        "bad compressed body: the server declared Content-Encoding gzip but the body does not "
          + "decompress"))
    #expect(cause.contains("(libcurl: "))
  }

  @Test func redirectLoop() throws {
    let server = try FaultServer(["/loop": .redirect(to: "/loop")])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/loop")
    let cause = try #require(error?.cause)
    #expect(cause.hasPrefix("too many redirects: more than 5 (a redirect loop?)"))
    #expect(cause.contains("Maximum (5) redirects followed"))
    #expect(server.requests.count == 6)
  }

  @Test func redirectsAreFollowed() throws {
    let feed = HTTPTestSupport.generatedFeed(count: 10)
    let server = try FaultServer([
      "/a": .redirect(to: "/b"),
      "/b": .redirect(to: "/feed"),
      "/feed": .init(status: 200, reason: "OK", headers: ["ETag: \"v1\""], body: feed),
    ])
    let result = try CurlFeedFetcher().fetch(HTTPTestSupport.request("\(server.baseURL)/a"))
    guard case .body(let body, let validators, _) = result else {
      Issue.record("expected a body, got \(result)")
      return
    }
    #expect(body == feed)
    #expect(validators == HTTPValidators(etag: "\"v1\""))
  }

  @Test(arguments: ["file:///etc/passwd", "ftp://127.0.0.1:1/feed.txt"])
  func redirectToAnotherProtocolIsRefused(target: String) throws {
    let server = try FaultServer(["/away": .redirect(to: target)])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/away")
    let cause = try #require(error?.cause)
    #expect(
      cause.hasPrefix(
        "redirect to \(target) refused: from this URL a redirect may only lead to http or https"))
  }

  @Test func htmlErrorPageWith200IsReturnedAsIs() throws {
    let page = Array("<!DOCTYPE html><html><body>Rate limited</body></html>\n".utf8)
    let server = try FaultServer([
      "/feed": .init(
        status: 200, reason: "OK", headers: ["Content-Type: text/html"], body: page)
    ])
    let result = try CurlFeedFetcher().fetch(HTTPTestSupport.request("\(server.baseURL)/feed"))
    guard case .body(let body, let validators, let stats) = result else {
      Issue.record("expected a body, got \(result)")
      return
    }
    #expect(body == page)
    #expect(validators == .none)
    #expect(stats.bodyBytes == page.count)
  }

  @Test func unexpected304WithoutValidatorsIsAnError() throws {
    let server = try FaultServer(["/feed": .init(status: 304, reason: "Not Modified")])
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(server.baseURL)/feed")
    #expect(error?.cause.hasPrefix("unexpected HTTP 304 Not Modified") == true)
  }

  @Test func validatorsAreSentAsHeaders() throws {
    let server = try FaultServer(["/feed": .init(status: 304, reason: "Not Modified")])
    let validators = HTTPValidators(
      etag: "\"abc\"", lastModified: "Sat, 22 Aug 2026 06:00:00 GMT")
    let result = try CurlFeedFetcher().fetch(
      HTTPTestSupport.request("\(server.baseURL)/feed", validators))
    guard case .notModified = result else {
      Issue.record("expected 304, got \(result)")
      return
    }
    let request = try #require(server.requests.first)
    #expect(request.headers["if-none-match"] == "\"abc\"")
    #expect(request.headers["if-modified-since"] == "Sat, 22 Aug 2026 06:00:00 GMT")
    #expect(request.headers["user-agent"] == CurlFeedFetcher.userAgent)
    #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
  }

  @Test func cancelDuringASlowBodyReturnsWithinASecond() throws {
    let server = try FaultServer([
      "/slow": .init(
        status: 200, reason: "OK", body: [UInt8](repeating: 0x31, count: 100_000),
        pace: .trickle(bytes: 10, every: .milliseconds(100)))
    ])
    let fetcher = CurlFeedFetcher()
    let url = "\(server.baseURL)/slow"
    // The transfer blocks its thread: a thread of its own, not one of the test runner's
    // cooperative pool, which the other tests may keep busy for longer than the transfer runs.
    let outcome = Mutex<FetchError?>(nil)
    let finished = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      do throws(FetchError) {
        _ = try fetcher.fetch(HTTPTestSupport.request(url))
      } catch {
        outcome.withLock { $0 = error }
      }
      finished.signal()
    }
    Thread.sleep(forTimeInterval: 0.5)
    let cancelled = ContinuousClock.now
    fetcher.cancel()
    #expect(finished.wait(timeout: .now() + 30) == .success, "the fetch never returned")
    let took = ContinuousClock.now - cancelled
    #expect(took < .seconds(1), "cancel took \(took)")
    #expect(outcome.withLock { $0 }?.cause == "cancelled")
    #expect(fetcher.isCancelled)

    // Cancelled for good: the next fetch does not even start.
    #expect(HTTPTestSupport.failure(of: fetcher, url)?.cause == "cancelled")
  }

  @Test func connectionRefused() throws {
    let port = try LoopbackPort.free()  // nothing listens there now
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "http://127.0.0.1:\(port)/feed")
    let cause = try #require(error?.cause)
    #expect(
      cause.hasPrefix(
        "connection refused by 127.0.0.1 port \(port): nothing listens there, or a firewall "
          + "rejects the connection (libcurl: Failed to connect to 127.0.0.1 port \(port)"))
    #expect(error?.stats == nil)
  }

  // Other schemes and malformed URLs never reach a fetcher: `FeedURL` refuses them when the
  // config is read (FeedURLTests).
  @Test(arguments: [
    ("file:///etc/passwd", "unsupported protocol \"file\"")
  ])
  func urlsThisFetcherRefuses(url: String, cause: String) throws {
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), url)
    #expect(error?.cause.hasPrefix(cause) == true, "\(error?.cause ?? "no error")")
  }
}
