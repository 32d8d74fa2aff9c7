/// What one cycle learned of one source, recorded for `status` whether or not the cycle applied
/// anything: when it was checked, how that went, what the transfer cost. Never validators or a
/// body: those are recorded only with the list they produced (`CycleCommit.updatedSources`).
public struct SourceCheck: Sendable, Hashable {
  public enum Result: String, Sendable, Hashable {
    /// A new body, parsed and accepted.
    case downloaded
    /// 304 Not Modified: the stored body was used again.
    case notModified = "not_modified"
    /// The download failed.
    case failed
    /// The body was rejected by the parser.
    case rejected
  }

  public var source: String
  /// The URL checked (its `FeedURL.text`), to tell a check of a source's old URL from one of
  /// its current URL. Never shown: `error` names the URL redacted.
  public var url: String
  public var result: Result
  /// The transfer, when it got that far.
  public var stats: TransferStats?
  /// The failure, for people; nil on success.
  public var error: String?

  public init(
    source: String, url: String, result: Result, stats: TransferStats? = nil, error: String? = nil
  ) {
    self.source = source
    self.url = url
    self.result = result
    self.stats = stats
    self.error = error
  }

  /// The check of `report`'s source, fetched from `url`.
  public init(_ report: SourceReport, url: String) {
    switch report.result {
    case .downloaded(let stats, _):
      self.init(source: report.name, url: url, result: .downloaded, stats: stats)
    case .notModified(let stats, _):
      self.init(source: report.name, url: url, result: .notModified, stats: stats)
    case .fetchFailed(let error, _):
      self.init(
        source: report.name, url: url, result: .failed, stats: error.stats,
        error: error.description)
    case .rejected(let rejection, let stats, _):
      self.init(
        source: report.name, url: url, result: .rejected, stats: stats,
        error: rejection.description)
    }
  }

  public var succeeded: Bool { result == .downloaded || result == .notModified }

  /// The result in a word, as `status` shows it: the HTTP status of a successful check ("200",
  /// "304"), "read" for a `file://` source, else "failed" or "rejected".
  public var code: String {
    switch result {
    case .downloaded: stats?.httpStatus.map(String.init) ?? "read"
    case .notModified: stats?.httpStatus.map(String.init) ?? "304"
    case .failed: "failed"
    case .rejected: "rejected"
    }
  }
}
