import GRDB
import IPFeedCore

/// A row of `source_check`: how a source's last check went, written by every cycle.
struct SourceCheckRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "source_check"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var source: String
  var url: String
  var checkedAt: Int64
  /// "200", "304", "read", "failed" or "rejected".
  var result: String
  /// The last successful check.
  var succeededAt: Int64?
  var consecutiveFailures: Int
  /// The last failure, kept after later successes.
  var lastError: String?
  var lastErrorAt: Int64?
  // The transfer of the last check.
  var httpStatus: Int?
  var wireBytes: Int?
  var bodyBytes: Int?
  var elapsedMs: Int64?
  var sentEtag: String?
  var sentLastModified: String?

  /// The row after `check`, following `previous`.
  init(_ check: SourceCheck, at time: Int64, previous: SourceCheckRecord?) {
    source = check.source
    url = check.url
    checkedAt = time
    result = check.code
    if check.succeeded {
      succeededAt = time
      consecutiveFailures = 0
      lastError = previous?.lastError
      lastErrorAt = previous?.lastErrorAt
    } else {
      succeededAt = previous?.succeededAt
      consecutiveFailures = (previous?.consecutiveFailures ?? 0) + 1
      lastError = check.error
      lastErrorAt = time
    }
    httpStatus = check.stats?.httpStatus
    wireBytes = check.stats?.wireBytes
    bodyBytes = check.stats?.bodyBytes
    elapsedMs = check.stats?.elapsed.wholeMilliseconds
    sentEtag = check.stats?.validatorsSent.etag
    sentLastModified = check.stats?.validatorsSent.lastModified
  }

  /// The last check's transfer, as the cycle measured it; nil when it made none.
  var transfer: TransferStats? {
    guard let wireBytes, let bodyBytes, let elapsedMs else { return nil }
    return TransferStats(
      httpStatus: httpStatus, wireBytes: wireBytes, bodyBytes: bodyBytes,
      elapsed: .milliseconds(elapsedMs),
      validatorsSent: HTTPValidators(etag: sentEtag, lastModified: sentLastModified))
  }
}
