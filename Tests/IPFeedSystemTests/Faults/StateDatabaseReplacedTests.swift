import Foundation
import Testing

extension FaultTests {
  /// The state database deleted, or replaced by another file, while the daemon runs (it keeps the
  /// database open between cycles): the next cycle notices and uses the file now at the path.
  @Suite(.serialized) struct StateDatabaseReplacedTests {
    @Test func deletedDatabaseIsRebuiltAndStatusSeesIt() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let database = fixture.directory.file("state/state.sqlite")
      try FileManager.default.removeItem(atPath: database)

      #expect(fixture.runCycle(daemon)?.contains("3 addresses") == true, "log: \(daemon.log)")
      #expect(daemon.log.contains("the state database was deleted or replaced"))
      #expect(FileManager.default.fileExists(atPath: database))
      #expect(try fixture.journalTotal() == 3)
      #expect(try fixture.outputState() == "matches")
      // The old database's write-ahead log is set aside, never replayed into the new one.
      #expect(FileManager.default.fileExists(atPath: database + "-wal.orphaned"))

      try fixture.writeFeed(DaemonFaultFixture.addresses(4))
      #expect(fixture.runCycle(daemon)?.contains("4 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.journalTotal() == 4)
    }

    @Test func databaseReplacedByAnotherFileIsReportedUntilMovedAside() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let applied = try fixture.rulesFile()
      let database = fixture.directory.file("state/state.sqlite")
      let garbage = try fixture.directory.write(
        "state/garbage", [UInt8](repeating: 0x42, count: 8192))
      #expect(rename(garbage, database) == 0)

      try fixture.writeFeed(DaemonFaultFixture.addresses(5))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("is damaged"), "\(failed)")
      #expect(failed.contains("Move it aside: mv \(database) \(database).broken"), "\(failed)")
      #expect(try fixture.rulesFile() == applied)
      #expect(daemon.process.isRunning)

      #expect(rename(database, database + ".broken") == 0)
      #expect(fixture.runCycle(daemon)?.contains("5 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.journalTotal() == 5)
    }
  }
}
