import GRDB

/// A row of `change`: one applied change, kept for good (only its per-address rows age out).
struct ChangeRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "change"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64?
  var time: Int64
  var added: Int
  var removed: Int
  var total: Int
  /// The SHA-256 of the rules file written.
  var sha256: String
  /// Applied with `--force` past the safety guard.
  var forced: Bool

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }
}
