import Foundation
import IPFeedCore
import Testing

@testable import IPFeedSystem

/// The pieces of the HTTP layer that need no server.
@Suite struct HTTPWrapperTests {
  @Test func responseHeadKeepsOnlyTheLastResponse() {
    var head = HTTPResponseHead()
    for line in [
      "HTTP/1.1 302 Found", "Location: /b", "ETag: \"old\"", "",
      "HTTP/1.1 200 OK", "etag:  W/\"abc\" ", "Last-Modified: Sat, 22 Aug 2026 06:00:00 GMT",
      "Content-Type: text/plain", "",
    ] {
      head.consume(line: line)
    }
    #expect(head.status == 200)
    #expect(head.reasonPhrase == "OK")
    #expect(head[field: "location"] == nil)
    #expect(head[field: "CONTENT-TYPE"] == "text/plain")
    #expect(
      head.validators
        == HTTPValidators(etag: "W/\"abc\"", lastModified: "Sat, 22 Aug 2026 06:00:00 GMT"))
  }

  @Test func responseHeadOfHTTP2HasNoReasonPhrase() {
    var head = HTTPResponseHead()
    head.consume(line: "HTTP/2 503")
    head.consume(line: "retry-after: 30")
    #expect(head.status == 503)
    #expect(head.reasonPhrase == "")
    #expect(head[field: "Retry-After"] == "30")
  }

  @Test(arguments: [
    ("https://example.org/feed", "https"),
    ("HTTPS://example.org/feed", "https"),
    ("http://example.org/feed", "http,https"),
    ("file:///tmp/feed", "http,https"),
  ])
  func redirectProtocolsNeverDowngradeHTTPS(url: String, allowed: String) {
    #expect(RedirectPolicy.redirectProtocols(forURL: FeedURL(stringLiteral: url)) == allowed)
    #expect(RedirectPolicy.protocols == "http,https")
    #expect(RedirectPolicy.maxRedirects == 5)
  }

  @Test func conditionalHeadersEachWhenKnown() {
    let both = HTTPValidators(etag: "\"e\"", lastModified: "Sat, 22 Aug 2026 06:00:00 GMT")
    #expect(
      CurlFeedFetcher.conditionalHeaders(both) == [
        "If-None-Match: \"e\"", "If-Modified-Since: Sat, 22 Aug 2026 06:00:00 GMT",
      ])
    #expect(
      CurlFeedFetcher.conditionalHeaders(HTTPValidators(etag: "W/\"e\""))
        == ["If-None-Match: W/\"e\""])
    #expect(
      CurlFeedFetcher.conditionalHeaders(HTTPValidators(lastModified: "x"))
        == ["If-Modified-Since: x"])
    #expect(CurlFeedFetcher.conditionalHeaders(.none) == [])
    #expect(
      CurlFeedFetcher.conditionalHeaders(
        HTTPValidators(etag: "\"e\"\r\nX-Evil: 1", lastModified: ""))
        == [])
  }

  @Test func statusText() {
    #expect(HTTPStatusText.describe(status: 503) == "HTTP 503 Service Unavailable")
    #expect(HTTPStatusText.describe(status: 599, serverPhrase: "Odd") == "HTTP 599 Odd")
    #expect(HTTPStatusText.describe(status: 599) == "HTTP 599")
  }

  private func failure(
    _ code: CurlError.Code, _ message: String, url: FeedURL = "https://feeds.example/x"
  )
    -> CurlFailure
  {
    CurlFailure(
      error: CurlError(code: code, message: message), url: url, timeout: .seconds(60),
      connectTimeout: .seconds(10), maxBytes: 1000, caFile: nil)
  }

  @Test func dnsFailureNamesTheHost() {
    let cause = failure(.couldntResolveHost, "Could not resolve host: feeds.example").cause
    #expect(
      cause
        == "DNS lookup of feeds.example failed: check the host name in the URL and this host's "
        + "DNS resolver (libcurl: Could not resolve host: feeds.example)")
  }

  @Test func connectTimeoutNamesItsLimit() {
    var timedOut = failure(.operationTimedOut, "Connection timed out after 10001 milliseconds")
    #expect(
      timedOut.cause.hasPrefix(
        "timed out connecting to feeds.example port 443: no connection within the connect "
          + "timeout of 10s"))
    timedOut.connected = true
    timedOut.timeout = .milliseconds(1500)
    #expect(
      timedOut.cause.hasPrefix("timed out: the download took longer than http.timeout (1500ms)"))
  }

  @Test func emptyErrorBufferFallsBackToLibcurlsText() {
    let error = CurlError(code: .couldntResolveHost, message: "")
    #expect(error.message == "Couldn't resolve host name")
    #expect(CurlError.Code.ok.description == "No error")
  }

  @Test func easyHandleReportsAnUnsupportedProtocolWithoutNetwork() throws {
    let easy = try CurlEasy()
    try easy.set(.url, "gopher://127.0.0.1:1/")
    try easy.set(.protocols, RedirectPolicy.protocols)
    var headers: [String] = []
    #expect(throws: CurlError.self) {
      try easy.perform(CurlEasy.Callbacks(header: { headers.append($0) }))
    }
    do {
      try easy.perform(CurlEasy.Callbacks())
    } catch {
      #expect(error.code == .unsupportedProtocol)
      #expect(error.message.contains("gopher"))
    }
    #expect(headers.isEmpty)
    #expect(easy.info(.responseCode) == 0)
  }
}
