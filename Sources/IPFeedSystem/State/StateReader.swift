import GRDB
import IPFeedCore

/// Reads the state journal for `status`, `history` and `lookup`: read-only, without the cycle
/// lock (WAL lets it read while a cycle writes), and without creating anything.
public struct StateReader: Sendable {
  public let path: String
  private let queue: DatabaseQueue

  /// The journal in `directory`, or nil when there is none yet (no cycle has run).
  public static func open(directory: String) throws(StateError) -> StateReader? {
    let path = StateDatabase.path(in: directory)
    guard FileSystem.fileExists(path) else { return nil }
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(
        path: path, configuration: StateDatabase.configuration(readonly: true))
      let migrator = StateSchema.migrator
      // The first migration is enough to read: a journal that the daemon has not yet migrated
      // after an upgrade lacks only what later versions add, which the readers check for.
      let (complete, superseded) = try queue.read { db in
        (
          try migrator.completedMigrations(db).contains(StateSchema.firstMigration),
          try migrator.hasBeenSuperseded(db)
        )
      }
      if superseded {
        throw StateError(
          .unusable,
          "the state database \(path) was written by a newer falco-ipfeed: use that version")
      }
      // A database whose first migration never finished holds nothing yet.
      if !complete { return nil }
    } catch {
      throw StateDatabase.stateError(error, path: path, doing: "read")
    }
    return StateReader(path: path, queue: queue)
  }

  /// Everything `status` shows, in one read transaction (a consistent snapshot).
  func statusData() throws(StateError) -> StatusData {
    try read { db in
      StatusData(
        applied: try AppliedRecord.fetch(db),
        lastChange: try StateQueries.lastChange(db),
        lastCycle: try LastCycleRecord.fetch(db),
        dataFile: try db.tableExists(DataFileRecord.databaseTableName)
          ? try DataFileRecord.fetch(db) : nil,
        reloadPending: try StateQueries.reloadPending(db),
        checks: Dictionary(
          try SourceCheckRecord.fetchAll(db).map { ($0.source, $0) }, uniquingKeysWith: { $1 }),
        bodies: Dictionary(
          try Row.fetchAll(
            db,
            sql: """
              SELECT source, url, format, etag, last_modified, body_bytes, entry_count,
                applied_at, changed_at
              FROM source_body
              """
          ).map { row in
            (
              row["source"] as String,
              StatusData.Body(
                url: row["url"], format: row["format"], etag: row["etag"],
                lastModified: row["last_modified"], bodyBytes: row["body_bytes"],
                entries: row["entry_count"], appliedAt: row["applied_at"],
                changedAt: row["changed_at"])
            )
          }, uniquingKeysWith: { $1 }))
    }
  }

  /// The newest `limit` changes, newest first, with the sources that produced each.
  public func history(limit: Int) throws(StateError) -> HistoryReport {
    try read { db in
      let changes = try ChangeRecord.order(Column("id").desc).limit(max(limit, 0)).fetchAll(db)
      let ids = changes.compactMap(\.id)
      let sources = try ChangeSourceRecord.filter(ids.contains(Column("change_id")))
        .order(Column("change_id"), Column("source")).fetchAll(db)
      let bySource = Dictionary(grouping: sources, by: \.changeId)
      return HistoryReport(
        entries: changes.map { HistoryReport.Entry(change: $0, sources: bySource[$0.id!] ?? []) })
    }
  }

  /// What the journal knows of `address`: on the list now, and every change that added or
  /// removed it (newest first).
  func lookupData(_ address: IPAddress) throws(StateError) -> LookupData {
    let text = address.description
    return try read { db in
      let listed = try Row.fetchOne(
        db,
        sql: "SELECT score, source, since, since_change FROM applied_address WHERE address = ?",
        arguments: [text])
      let events = try Row.fetchAll(
        db,
        sql: """
          SELECT change_address.change_id, change.time, change_address.event,
            change_address.score, change_address.source
          FROM change_address JOIN change ON change.id = change_address.change_id
          WHERE change_address.address = ?
          ORDER BY change_address.change_id DESC
          """,
        arguments: [text])
      return LookupData(
        listed: listed.map {
          LookupData.Listed(
            score: $0["score"], source: $0["source"], since: $0["since"],
            sinceChange: $0["since_change"])
        },
        events: events.map {
          LookupData.Event(
            changeID: $0[0], time: $0[1], added: ($0[2] as String) == "added", score: $0[3],
            source: $0[4])
        },
        initialized: try AppliedRecord.fetch(db) != nil)
    }
  }

  private func read<T>(_ body: (Database) throws -> T) throws(StateError) -> T {
    do {
      return try queue.read(body)
    } catch {
      throw StateDatabase.stateError(error, path: path, doing: "read")
    }
  }
}

/// The rows `status` reads.
struct StatusData: Sendable {
  struct Body: Sendable {
    var url: String
    var format: String
    var etag: String?
    var lastModified: String?
    var bodyBytes: Int
    var entries: Int
    var appliedAt: Int64
    var changedAt: Int64
  }

  var applied: AppliedRecord?
  var lastChange: ChangeRecord?
  var lastCycle: LastCycleRecord?
  /// Plugin mode's data file as last installed.
  var dataFile: DataFileRecord?
  var reloadPending: StateQueries.ReloadPending?
  var checks: [String: SourceCheckRecord]
  var bodies: [String: Body]
}

/// The rows `lookup` reads.
struct LookupData: Sendable {
  struct Listed: Sendable {
    var score: Int
    var source: String
    var since: Int64
    var sinceChange: Int64?
  }

  struct Event: Sendable {
    var changeID: Int64
    var time: Int64
    var added: Bool
    var score: Int
    var source: String
  }

  var listed: Listed?
  var events: [Event]
  /// Whether any list was applied yet.
  var initialized: Bool
}
