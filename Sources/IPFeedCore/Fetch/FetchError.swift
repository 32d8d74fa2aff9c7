/// A failed download of one source. The source keeps its last good data.
public struct FetchError: Error, Sendable, Hashable, CustomStringConvertible {
  public var source: String
  public var url: FeedURL
  /// What went wrong, for people: "HTTP 503 Service Unavailable", "connection refused", …
  public var cause: String
  /// How long the server asked us to wait (`Retry-After` on 429 and 503).
  public var retryAfter: Duration?
  /// What the attempt cost, when it got that far.
  public var stats: TransferStats?

  public init(
    source: String, url: FeedURL, cause: String, retryAfter: Duration? = nil,
    stats: TransferStats? = nil
  ) {
    self.source = source
    self.url = url
    self.cause = cause
    self.retryAfter = retryAfter
    self.stats = stats
  }

  /// The message names the URL redacted (`FeedURL.description`): it is logged, stored in the
  /// state journal and shown by `status`.
  public var description: String {
    "source \(source): fetching \(url) failed: \(cause)"
  }
}
