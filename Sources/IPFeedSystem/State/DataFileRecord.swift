import GRDB

/// The one row of `applied_data_file`: plugin mode's data file as last installed.
struct DataFileRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "applied_data_file"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64 = 1
  var path: String
  /// The change id the file carries.
  var generation: Int64
  /// The SHA-256 of the file's bytes.
  var sha256: String
  /// The number of addresses in it.
  var total: Int
  /// When it was installed.
  var writtenAt: Int64

  static func fetch(_ db: Database) throws -> DataFileRecord? {
    try fetchOne(db, key: 1)
  }
}
