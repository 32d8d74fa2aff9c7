import GRDB

/// The one row of `last_cycle`: how the last cycle ended, and when the daemon polls next.
struct LastCycleRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "last_cycle"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var id: Int64 = 1
  var time: Int64
  /// `CycleEnding.code`.
  var outcome: String
  var detail: String?
  /// Set by the daemon after each cycle.
  var nextPoll: Int64?

  static func fetch(_ db: Database) throws -> LastCycleRecord? {
    try fetchOne(db, key: 1)
  }
}
