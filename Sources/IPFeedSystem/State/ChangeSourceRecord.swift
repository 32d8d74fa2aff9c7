import GRDB

/// A row of `change_source`: the state of one source that produced a change.
struct ChangeSourceRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "change_source"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  /// Which body of the source the change used.
  enum Body: String, Codable, Sendable, Hashable {
    /// A body downloaded in this cycle.
    case downloaded
    /// The stored body, confirmed by a 304.
    case notModified = "not_modified"
    /// The stored body, because this cycle's download failed or was rejected.
    case lastGood = "last_good"
  }

  var changeId: Int64
  var source: String
  var url: String
  var body: Body
  var etag: String?
  var lastModified: String?
  var bodyBytes: Int
  var entries: Int
}
