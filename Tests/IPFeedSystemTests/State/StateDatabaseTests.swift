import Foundation
import GRDB
import IPFeedCore
import Logging
import Testing

@testable import IPFeedSystem

/// The database file itself: creation, migrations, integrity.
@Suite struct StateDatabaseTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
  }

  private var stateDirectory: String { directory.file("var/lib/falco-ipfeed") }

  @Test func migratesFromAnEmptyDirectory() throws {
    let database = try StateDatabase.open(
      directory: stateDirectory, logger: Logger(label: "test"))
    var info = stat()
    stat(stateDirectory, &info)
    #expect(info.st_mode & 0o777 == 0o750)
    let (tables, migrations, journalMode) = try database.pool.read { db in
      (
        try String.fetchAll(
          db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
        try StateSchema.migrator.completedMigrations(db),
        try String.fetchOne(db, sql: "PRAGMA journal_mode")
      )
    }
    #expect(
      tables == [
        "applied", "applied_address", "applied_data_file", "change", "change_address",
        "change_source",
        "falco_reload_pending", "grdb_migrations", "last_cycle", "source_body", "source_check",
        "sqlite_sequence",
      ])
    #expect(
      migrations == [
        "v1: applied list, changes, sources", "v2: plugin mode's data file",
        "v3: body digests and the applied config", "v4: the rules file's identity",
      ])
    #expect(journalMode == "wal")
    // Opening again migrates nothing and keeps the data.
    _ = try StateDatabase.open(directory: stateDirectory, logger: Logger(label: "test"))
  }

  /// After an upgrade, before the daemon migrates the journal: status still reads it.
  @Test func aJournalWithTheFirstMigrationOnlyIsRead() throws {
    let database = try StateDatabase.open(
      directory: stateDirectory, logger: Logger(label: "test"))
    try database.pool.write { db in
      try db.execute(
        sql: """
          DROP TABLE applied_data_file;
          DELETE FROM grdb_migrations WHERE identifier != ?;
          """, arguments: [StateSchema.firstMigration])
    }
    #expect(try StateReader.open(directory: stateDirectory) != nil)
    var config = Config.defaults
    config.stateDirectory = stateDirectory
    config.output.mode = .plugin
    _ = try StatusReport.read(config: config, now: UnixTime(seconds: 0))
  }

  @Test func aFileThatIsNotADatabaseGivesTheDocumentedError() throws {
    try directory.write(
      "var/lib/falco-ipfeed/state.sqlite", String(repeating: "not a database\n", count: 400))
    let path = StateDatabase.path(in: stateDirectory)
    let error = #expect(throws: StateError.self) {
      try StateDatabase.open(directory: stateDirectory, logger: Logger(label: "test"))
    }
    #expect(error?.kind == .damaged)
    #expect(error?.description.contains("the state database \(path) is damaged") == true)
    #expect(error?.description.contains("mv \(path) \(path).broken") == true)
  }

  @Test func aDamagedPageFailsTheIntegrityCheck() throws {
    let path = StateDatabase.path(in: stateDirectory)
    do {
      let database = try StateDatabase.open(
        directory: stateDirectory, logger: Logger(label: "test"))
      try database.pool.write { db in
        for index in 0..<5_000 {
          try db.execute(
            sql: "INSERT INTO applied_address VALUES (?, 1, 'ipsum', 0, NULL)",
            arguments: ["11.0.\(index / 256).\(index % 256)"])
        }
      }
    }
    // Overwrite a page in the middle of the table's b-tree (not the header page).
    let handle = try #require(FileHandle(forUpdatingAtPath: path))
    let size = try handle.seekToEnd()
    #expect(size > 16 * 4096)
    try handle.seek(toOffset: 8 * 4096)
    handle.write(Data(repeating: 0xA5, count: 4096))
    try handle.close()
    let error = #expect(throws: StateError.self) {
      try StateDatabase.open(directory: stateDirectory, logger: Logger(label: "test"))
    }
    #expect(error?.kind == .damaged)
    #expect(error?.description.contains("mv \(path) \(path).broken") == true)
  }

  @Test func anOrphanedWriteAheadLogIsSetAside() throws {
    try directory.write("var/lib/falco-ipfeed/state.sqlite-wal", "left from a moved database")
    _ = try StateDatabase.open(directory: stateDirectory, logger: Logger(label: "test"))
    #expect(
      FileManager.default.fileExists(
        atPath: directory.file("var/lib/falco-ipfeed/state.sqlite-wal.orphaned")))
  }

  @Test func readersFindNothingWithoutADatabaseAndCreateNothing() throws {
    #expect(try StateReader.open(directory: stateDirectory) == nil)
    #expect(!FileManager.default.fileExists(atPath: stateDirectory))
  }
}
