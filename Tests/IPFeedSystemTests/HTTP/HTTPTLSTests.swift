import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

/// CurlFeedFetcher against nginx over TLS with a self-signed certificate for 127.0.0.1.
@Suite struct HTTPTLSTests {
  let feed = HTTPTestSupport.generatedFeed(count: 500)

  @Test func httpsWithTheCAFile() throws {
    let nginx = try NginxTestServer(tls: true)
    try nginx.serve("feed.txt", feed)
    let fetcher = CurlFeedFetcher(options: .init(caFile: nginx.certificateFile))
    let url = "\(nginx.tlsBaseURL)/feed.txt"
    guard case .body(let body, let validators, _) = try fetcher.fetch(HTTPTestSupport.request(url))
    else {
      Issue.record("expected a body")
      return
    }
    #expect(body == feed)
    guard case .notModified = try fetcher.fetch(HTTPTestSupport.request(url, validators)) else {
      Issue.record("expected 304")
      return
    }
  }

  @Test func untrustedCertificateIsATLSFailure() throws {
    let nginx = try NginxTestServer(tls: true)
    try nginx.serve("feed.txt", feed)
    let error = HTTPTestSupport.failure(of: CurlFeedFetcher(), "\(nginx.tlsBaseURL)/feed.txt")
    let cause = try #require(error?.cause)
    #expect(
      cause.hasPrefix(
        "TLS failure: the certificate of 127.0.0.1 could not be verified; if the server uses a "
          + "private CA, set http.ca_file to that CA's certificate (libcurl: SSL certificate "))
    #expect(try nginx.accessLog().isEmpty)
  }

  @Test func unreadableCAFile() throws {
    let nginx = try NginxTestServer(tls: true)
    let fetcher = CurlFeedFetcher(options: .init(caFile: "/nonexistent/ca.pem"))
    let error = HTTPTestSupport.failure(of: fetcher, "\(nginx.tlsBaseURL)/feed.txt")
    #expect(
      error?.cause.hasPrefix("TLS failure: cannot use http.ca_file \"/nonexistent/ca.pem\"")
        == true, "\(error?.cause ?? "no error")")
  }

  @Test func httpsToHTTPRedirectIsRefused() throws {
    let nginx = try NginxTestServer(tls: true)
    try nginx.serve("feed.txt", feed)
    let fetcher = CurlFeedFetcher(options: .init(caFile: nginx.certificateFile))
    let error = HTTPTestSupport.failure(of: fetcher, "\(nginx.tlsBaseURL)/to-http")
    #expect(
      error?.cause.hasPrefix(
        "redirect to http://127.0.0.1:\(nginx.port)/feed.txt refused: from this URL a redirect "
          + "may only lead to https") == true, "\(error?.cause ?? "no error")")
    // Nothing went to the plain-text server.
    #expect(try nginx.accessLog(count: 1).map(\.uri) == ["/to-http"])
  }

  @Test func httpToHTTPSRedirectIsFollowed() throws {
    let nginx = try NginxTestServer(tls: true)
    try nginx.serve("feed.txt", feed)
    let fetcher = CurlFeedFetcher(options: .init(caFile: nginx.certificateFile))
    let result = try fetcher.fetch(HTTPTestSupport.request("\(nginx.baseURL)/to-https"))
    guard case .body(let body, _, _) = result else {
      Issue.record("expected a body, got \(result)")
      return
    }
    #expect(body == feed)
  }
}
