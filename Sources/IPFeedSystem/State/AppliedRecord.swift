import GRDB

/// The one row of `applied`: what the rules file holds according to the journal.
struct AppliedRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "applied"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64 = 1
  /// The number of addresses on the list.
  var total: Int
  /// The SHA-256 of the rules file's bytes.
  var sha256: String
  var outputPath: String
  /// When this file was installed, or found in place and taken over.
  var appliedAt: Int64
  /// The last change recorded; nil before the first.
  var changeId: Int64?
  /// The effective config the list and the file were made with; nil when not recorded.
  var config: String?
  /// The rules file's `FileSystem.identity` when its SHA-256 was last found to be `sha256`:
  /// while it stays the same, the file need not be read and hashed again. Nil after every
  /// install, until the next check records it.
  var fileIdentity: String? = nil

  static func fetch(_ db: Database) throws -> AppliedRecord? {
    try fetchOne(db, key: 1)
  }
}
