/// What happened to one source in one cycle.
public struct SourceReport: Sendable {
  public enum Result: Sendable {
    /// A new body, parsed and used.
    case downloaded(TransferStats, ParsedFeed)
    /// Unchanged since the last applied body, which was used again.
    case notModified(TransferStats, ParsedFeed)
    /// The download failed; the last good body was used when there is one.
    case fetchFailed(FetchError, fallback: ParsedFeed?)
    /// The body was rejected; the last good body was used when there is one.
    case rejected(FeedRejection, TransferStats, fallback: ParsedFeed?)
  }

  public var name: String
  public var result: Result

  public init(name: String, result: Result) {
    self.name = name
    self.result = result
  }

  /// The feed this source contributed to the list, if any.
  public var feedUsed: ParsedFeed? {
    switch result {
    case .downloaded(_, let feed), .notModified(_, let feed): feed
    case .fetchFailed(_, let fallback), .rejected(_, _, let fallback): fallback
    }
  }

  public var failed: Bool {
    switch result {
    case .downloaded, .notModified: false
    case .fetchFailed, .rejected: true
    }
  }

  /// The failure, for people.
  public var failure: String? {
    switch result {
    case .downloaded, .notModified: nil
    case .fetchFailed(let error, _): error.description
    case .rejected(let rejection, _, _): rejection.description
    }
  }
}
