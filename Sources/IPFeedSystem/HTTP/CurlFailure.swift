import Foundation
import IPFeedCore

/// A transfer libcurl gave up on, with what it got as far as: turned into a cause for people
/// ("connection refused by 127.0.0.1 port 8080: …"), ending with libcurl's own text.
struct CurlFailure: Sendable {
  var error: CurlError
  /// The URL the fetch started at.
  var url: FeedURL
  var timeout: Duration
  var connectTimeout: Duration
  var maxBytes: Int
  var caFile: String?
  /// Whether a connection was made (libcurl measured a connect time).
  var connected = false
  /// Body bytes received as they came over the wire (compressed when the server compressed).
  var wireBodyBytes: Int64 = 0
  /// The last response's Content-Length, when it had one.
  var contentLength: Int64?
  /// The last response's Content-Encoding, when it had one.
  var contentEncoding: String?
  var redirectCount = 0
  /// Where the last response redirected to (its Location), when it did.
  var redirectTarget: String?
  /// errno of the failed system call, 0 when unknown.
  var osErrno: Int32 = 0
  /// The write callback stopped the transfer because the body outgrew `maxBytes`.
  var bodyLimitExceeded = false
  /// The progress callback stopped the transfer because the fetch was cancelled.
  var cancelled = false

  /// What went wrong, for people.
  var cause: String {
    if cancelled && error.code == .abortedByCallback {
      return "cancelled"
    }
    if (bodyLimitExceeded && error.code == .writeError) || error.code == .filesizeExceeded {
      return "body exceeds http.max_bytes (\(maxBytes) bytes); "
        + "raise http.max_bytes if the feed really is that large"
    }
    return "\(explanation) (libcurl: \(error.message))"
  }

  private var host: String { url.host }

  private var hostAndPort: String {
    url.effectivePort.map { "\(url.host) port \($0)" } ?? url.host
  }

  /// Where the last response redirected to, without credentials: a redirect may lead to a
  /// signed URL whose query is a token.
  private var shownRedirectTarget: String? {
    redirectTarget.map { FeedURL.redacting($0) }
  }

  private var explanation: String {
    switch error.code {
    case .couldntResolveHost:
      return "DNS lookup of \(host) failed: check the host name in the URL and this host's "
        + "DNS resolver"
    case .couldntResolveProxy:
      return "DNS lookup of the proxy failed: check the https_proxy, http_proxy and all_proxy "
        + "environment variables"
    case .couldntConnect:
      if osErrno == ECONNREFUSED || error.message.localizedCaseInsensitiveContains("refused") {
        return "connection refused by \(hostAndPort): nothing listens there, or a firewall "
          + "rejects the connection"
      }
      return "could not connect to \(hostAndPort)"
    case .operationTimedOut:
      if !connected {
        return "timed out connecting to \(hostAndPort): no connection within the connect "
          + "timeout of \(DurationText.format(connectTimeout))"
      }
      return
        "timed out: the download took longer than http.timeout (\(DurationText.format(timeout))), "
        + "\(wireBodyBytes) bytes of the body had arrived; raise http.timeout if the feed's "
        + "server is that slow"
    case .peerFailedVerification:
      let fix =
        caFile.map { "check that http.ca_file (\"\($0)\") holds the CA that signed it" }
        ?? "if the server uses a private CA, set http.ca_file to that CA's certificate"
      return "TLS failure: the certificate of \(host) could not be verified; \(fix)"
    case .sslCACertBadFile:
      return "TLS failure: cannot use http.ca_file \"\(caFile ?? "")\": it must be a readable "
        + "PEM file of CA certificates"
    case .sslConnectError, .sslCertProblem, .sslCipher, .sslIssuerError, .sslCRLBadFile,
      .sslEngineNotFound, .sslShutdownFailed, .sslClientCert:
      return "TLS failure: the TLS handshake with \(hostAndPort) failed"
    case .partialFile:
      let announced = contentLength.map { " of the \($0) announced by Content-Length" } ?? ""
      return "truncated body: the connection closed after \(wireBodyBytes) bytes\(announced)"
    case .recvError:
      if osErrno == ECONNRESET || error.message.localizedCaseInsensitiveContains("reset") {
        return "connection reset by \(hostAndPort) while receiving the response, after "
          + "\(wireBodyBytes) bytes of the body"
      }
      return "receiving the response from \(hostAndPort) failed after \(wireBodyBytes) bytes "
        + "of the body"
    case .sendError:
      return "sending the request to \(hostAndPort) failed"
    case .gotNothing:
      return "\(hostAndPort) closed the connection without sending a response"
    case .weirdServerReply:
      return "the response from \(hostAndPort) is not valid HTTP"
    case .badContentEncoding:
      let encoding = contentEncoding.map { "Content-Encoding \($0)" } ?? "its Content-Encoding"
      return "bad compressed body: the server declared \(encoding) but the body does not "
        + "decompress"
    case .tooManyRedirects:
      let last = shownRedirectTarget.map { "; the last one to \($0)" } ?? ""
      return "too many redirects: more than \(RedirectPolicy.maxRedirects) (a redirect loop?)"
        + last
    case .unsupportedProtocol:
      if redirectCount > 0 || redirectTarget != nil {
        let target = shownRedirectTarget.map { " to \($0)" } ?? ""
        let allowed = RedirectPolicy.redirectProtocols(forURL: url)
          .split(separator: ",").joined(separator: " or ")
        return "redirect\(target) refused: from this URL a redirect may only lead to \(allowed)"
      }
      return "unsupported protocol \"\(url.scheme.rawValue)\": this fetcher reads https:// and"
        + " http:// URLs; file:// URLs are read from the file system"
    case .urlMalformat:
      return "malformed URL \"\(url.redacted)\""
    case .http2, .http2Stream, .http3:
      return "HTTP protocol error from \(hostAndPort)"
    case .proxy:
      return "the proxy refused or failed the connection: check the proxy environment "
        + "variables"
    case .outOfMemory:
      return "out of memory"
    default:
      return "libcurl error \(error.code.rawValue) (\(error.code))"
    }
  }
}
