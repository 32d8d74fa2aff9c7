import GRDB

/// The reads that the cycle's store (`StateDatabase`) and the reports (`StateReader`) both
/// make, written once.
enum StateQueries {
  /// A rules file Falco has not been made to load yet: since when, and why.
  struct ReloadPending: Sendable, Hashable {
    var since: Int64
    var error: String
  }

  static func reloadPending(_ db: Database) throws -> ReloadPending? {
    try Row.fetchOne(db, sql: "SELECT since, error FROM falco_reload_pending WHERE id = 1")
      .map { ReloadPending(since: $0["since"], error: $0["error"]) }
  }

  /// The newest change recorded.
  static func lastChange(_ db: Database) throws -> ChangeRecord? {
    try ChangeRecord.order(Column("id").desc).fetchOne(db)
  }
}
