import Foundation
import GRDB
import Testing

/// When a damaged state journal is found: a cycle that changes nothing does not check the
/// whole file (that was most of its cost), but every cycle that would write a new list, and
/// every open after an unclean stop, does, before any file is written.
@Suite struct IntegrityCheckTests {
  let fixture: OnceFixture
  let database: String

  init() throws {
    fixture = try OnceFixture()
    database = fixture.stateDirectory + "/state.sqlite"
    try fixture.writeFeed(generatedFeed(count: 5_000))
    let first = try fixture.once()
    #expect(first.status == 0, "\(first.error)")
  }

  /// Overwrites the root page of `change_address` (history's addresses, which only `lookup`
  /// and a changing cycle read) with garbage, in the closed database file.
  private func damageHistory() throws {
    let (root, pageSize) = try DatabaseQueue(path: database).read { db in
      (
        try Int.fetchOne(
          db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'change_address'") ?? 0,
        try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
      )
    }
    #expect(root > 1)
    let handle = try #require(FileHandle(forUpdatingAtPath: database))
    try handle.seek(toOffset: UInt64((root - 1) * pageSize))
    handle.write(Data(repeating: 0xA5, count: pageSize))
    try handle.close()
  }

  private func expectNamedAsDamaged(_ run: CommandRun) {
    #expect(run.status == 1, "\(run.output)")
    #expect(run.error.contains("the state database \(database) is damaged"), "\(run.error)")
    #expect(run.error.contains("mv \(database) \(database).broken"), "\(run.error)")
  }

  @Test func aChangeIsNotAppliedFromADamagedJournal() throws {
    let applied = try fixture.rulesFile()
    try damageHistory()
    // Nothing to write: the pages this cycle reads are intact.
    let unchanged = try fixture.once()
    #expect(unchanged.status == 0, "\(unchanged.error)")
    #expect(unchanged.output.hasPrefix("unchanged: 5000 addresses"), "\(unchanged.output)")

    try fixture.writeFeed(generatedFeed(count: 5_000, variant: 1))
    expectNamedAsDamaged(try fixture.once())
    #expect(try fixture.rulesFile() == applied)

    // The documented recovery.
    #expect(rename(database, database + ".broken") == 0)
    let rebuilt = try fixture.once()
    #expect(rebuilt.status == 0, "\(rebuilt.error)")
    #expect(rebuilt.output.hasPrefix("applied: 5000 addresses"), "\(rebuilt.output)")
  }

  @Test func anUncleanStopHasTheWholeJournalCheckedAtOpen() throws {
    let applied = try fixture.rulesFile()
    try damageHistory()
    // A writer killed with the database open (as by a power cut) leaves its write-ahead log.
    let killed = Process()
    killed.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    killed.arguments = [
      "python3", "-c",
      """
      import os, signal, sqlite3, sys
      db = sqlite3.connect(sys.argv[1], isolation_level=None)
      db.execute("UPDATE applied SET applied_at = applied_at + 1")
      os.kill(os.getpid(), signal.SIGKILL)
      """,
      database,
    ]
    try killed.run()
    killed.waitUntilExit()
    #expect(killed.terminationReason == .uncaughtSignal)
    let log = try FileManager.default.attributesOfItem(atPath: database + "-wal")
    #expect((log[.size] as? Int ?? 0) > 0)

    // Unchanged, but checked in full: the open found the damage.
    expectNamedAsDamaged(try fixture.once())
    #expect(try fixture.rulesFile() == applied)
  }
}
