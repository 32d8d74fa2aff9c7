/// The outcome of a successful fetch.
public enum FetchResult: Sendable {
  /// The source has not changed since the validators sent (HTTP 304).
  case notModified(TransferStats)
  /// A new body, with the validators that came with it (taken only from a 200).
  case body([UInt8], validators: HTTPValidators, stats: TransferStats)

  public var stats: TransferStats {
    switch self {
    case .notModified(let stats): stats
    case .body(_, _, let stats): stats
    }
  }
}
