import Foundation
import IPFeedCore
import Synchronization

/// Fetches `http://` and `https://` sources with libcurl: a conditional GET with the stored
/// validators, gzip, bounded in size and time, TLS always verified.
///
/// - A 200 returns the body (decompressed) with its `ETag` and `Last-Modified`; a 304 returns
///   `.notModified`. Whatever the body is (even an HTML error page) is the feed parser's
///   business.
/// - Everything else throws a `FetchError` whose cause says what went wrong: an HTTP error
///   status, DNS, a refused connection, a timeout, TLS, a truncated or reset body, an oversize
///   body, a bad compressed body, redirects. `Retry-After` on 429 and 503 sets `retryAfter`.
/// - `cancel()` aborts a transfer in progress within a second, and every later fetch.
///
/// Each fetch uses its own libcurl handle, so fetches may run on several threads at once.
public final class CurlFeedFetcher: FeedFetcher {
  public struct Options: Sendable, Hashable {
    /// The limit on a whole download, redirects included (`http.timeout`).
    public var timeout: Duration
    /// The limit on making the connection, DNS and TLS included.
    public var connectTimeout: Duration
    /// The limit on the decompressed body (`http.max_bytes`).
    public var maxBytes: Int
    /// A PEM file of CA certificates to trust instead of the system's (`http.ca_file`).
    public var caFile: String?
    public var userAgent: String

    public init(
      timeout: Duration = .seconds(60), connectTimeout: Duration = .seconds(10),
      maxBytes: Int = 64 << 20, caFile: String? = nil,
      userAgent: String = CurlFeedFetcher.userAgent
    ) {
      self.timeout = timeout
      self.connectTimeout = connectTimeout
      self.maxBytes = maxBytes
      self.caFile = caFile
      self.userAgent = userAgent
    }
  }

  /// "falco-ipfeed/0.1.0 (+https://github.com/falco-ipfeed/falco-ipfeed)": tells a feed's
  /// operator who polls them and where to find out more.
  public static let userAgent =
    "falco-ipfeed/\(FalcoIPFeedVersion.string) (+https://github.com/falco-ipfeed/falco-ipfeed)"

  public let options: Options
  private let cancelled = Atomic<Bool>(false)

  public init(options: Options = Options()) {
    self.options = options
  }

  /// Aborts the transfer in progress within a second (it throws a `FetchError` with the cause
  /// "cancelled"), and every fetch after it: for shutting down. Safe from any thread.
  public func cancel() {
    cancelled.store(true, ordering: .releasing)
  }

  public var isCancelled: Bool {
    cancelled.load(ordering: .acquiring)
  }

  public func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult {
    let clock = ContinuousClock()
    let start = clock.now
    func failure(_ cause: String, stats: TransferStats? = nil) -> FetchError {
      FetchError(source: request.source, url: request.url, cause: cause, stats: stats)
    }
    guard !isCancelled else { throw failure("cancelled") }

    let easy: CurlEasy
    do {
      easy = try CurlEasy()
      try configure(easy, for: request)
    } catch {
      throw failure("could not set up libcurl: \(error.message)")
    }

    let response = ResponseCollector(maxBytes: options.maxBytes)
    var performError: CurlError?
    do {
      try easy.perform(
        CurlEasy.Callbacks(
          header: { response.head.consume(line: $0) },
          body: { response.accept($0) },
          progress: { [self] in !isCancelled }))
    } catch {
      performError = error
    }

    let status = easy.info(.responseCode)
    let wireBodyBytes = max(0, easy.info(.downloadSize))
    let stats = TransferStats(
      httpStatus: status == 0 ? nil : status,
      wireBytes: easy.info(.headerSize) + Int(wireBodyBytes),
      bodyBytes: response.body.count, elapsed: clock.now - start,
      validatorsSent: request.validators)

    if let performError {
      let contentLength = easy.info(.contentLength)
      let description = CurlFailure(
        error: performError, url: request.url, timeout: options.timeout,
        connectTimeout: options.connectTimeout, maxBytes: options.maxBytes,
        caFile: options.caFile, connected: easy.info(.connect) != nil,
        wireBodyBytes: wireBodyBytes, contentLength: contentLength >= 0 ? contentLength : nil,
        contentEncoding: response.head[field: "Content-Encoding"],
        redirectCount: easy.info(.redirectCount),
        redirectTarget: easy.info(.redirectURL) ?? response.head[field: "Location"],
        osErrno: Int32(truncatingIfNeeded: easy.info(.osErrno)),
        bodyLimitExceeded: response.bodyLimitExceeded, cancelled: isCancelled)
      throw failure(description.cause, stats: status == 0 ? nil : stats)
    }

    switch status {
    case 200:
      return .body(response.body, validators: response.head.validators, stats: stats)
    case 304 where !request.validators.isEmpty:
      return .notModified(stats)
    default:
      var error = failure(
        HTTPStatusText.describe(status: status, serverPhrase: response.head.reasonPhrase),
        stats: stats)
      if status == 429 || status == 503, let value = response.head[field: "Retry-After"] {
        error.retryAfter = RetryAfter.parse(value, now: .now)
        if let wait = error.retryAfter {
          error.cause += "; the server asks to retry after \(DurationText.format(wait))"
        }
      }
      if status < 400 {
        error.cause =
          "unexpected \(error.cause): expected 200 OK, or 304 Not Modified "
          + "to a conditional request"
      }
      throw error
    }
  }

  private func configure(_ easy: CurlEasy, for request: FetchRequest) throws(CurlError) {
    try easy.set(.url, request.url.text)
    try easy.set(.protocols, RedirectPolicy.protocols)
    try easy.set(.redirectProtocols, RedirectPolicy.redirectProtocols(forURL: request.url))
    try easy.set(.followLocation, 1)
    try easy.set(.maxRedirects, RedirectPolicy.maxRedirects)
    try easy.set(.timeoutMilliseconds, options.timeout.curlMilliseconds)
    try easy.set(.connectTimeoutMilliseconds, options.connectTimeout.curlMilliseconds)
    try easy.set(.sslVerifyPeer, 1)
    try easy.set(.sslVerifyHost, 2)
    if let caFile = options.caFile, !caFile.isEmpty {
      try easy.set(.caInfo, caFile)
    }
    try easy.set(.userAgent, options.userAgent)
    try easy.set(.acceptEncoding, "")
    try easy.set(.failOnError, 0)
    try easy.set(.maxFileSize, Int64(options.maxBytes))
    try easy.setHeaders(Self.conditionalHeaders(request.validators))
  }

  /// `If-None-Match` with the stored ETag and `If-Modified-Since` with the stored Last-Modified,
  /// each when known (and free of line breaks: a validator must not smuggle in a header).
  static func conditionalHeaders(_ validators: HTTPValidators) -> [String] {
    func usable(_ value: String?) -> String? {
      guard let value, !value.isEmpty, !value.contains(where: \.isNewline) else { return nil }
      return value
    }
    var headers: [String] = []
    if let etag = usable(validators.etag) {
      headers.append("If-None-Match: \(etag)")
    }
    if let lastModified = usable(validators.lastModified) {
      headers.append("If-Modified-Since: \(lastModified)")
    }
    return headers
  }
}

/// What one transfer delivers: the last response's head and its body, bounded.
private final class ResponseCollector {
  let maxBytes: Int
  var head = HTTPResponseHead()
  private(set) var body: [UInt8] = []
  private(set) var bodyLimitExceeded = false

  init(maxBytes: Int) {
    self.maxBytes = maxBytes
  }

  /// Takes a piece of the decompressed body; false (abort) once it would exceed `maxBytes`.
  /// The body of anything but a 200 (an error page) is not kept.
  func accept(_ bytes: [UInt8]) -> Bool {
    guard head.status == 200 else { return true }
    guard bytes.count <= maxBytes - body.count else {
      bodyLimitExceeded = true
      return false
    }
    body.append(contentsOf: bytes)
    return true
  }
}

extension Duration {
  /// Whole milliseconds, at least 1 (libcurl reads 0 as "no limit").
  fileprivate var curlMilliseconds: Int { Int(clamping: max(1, wholeMilliseconds)) }
}
