import Foundation
import Testing

extension FaultTests {
  /// The rules directory or the state directory made read-only, or removed, while the daemon
  /// runs: a cycle fails with a message that names the directory and the fix, nothing applied is
  /// lost, and the first cycle after the fault applies the update.
  @Suite(.serialized) struct DirectoryFaultTests {
    @Test(.enabled(if: MountedFileSystem.canMount, MountedFileSystem.skipUnlessRoot))
    func readOnlyRulesDirectoryKeepsTheListUntilItIsWritableAgain() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let applied = try fixture.rulesFile()
      let readOnly = try MountedFileSystem.readOnlyBind(at: fixture.stagingDirectory)

      try fixture.writeFeed(DaemonFaultFixture.addresses(5))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("cycle failed"), "\(failed)")
      #expect(failed.contains("Read-only file system"), "\(failed)")
      #expect(failed.contains(fixture.stagingDirectory), "\(failed)")
      #expect(failed.contains("ReadWritePaths="), "\(failed)")
      #expect(try fixture.rulesFile() == applied)
      #expect(fixture.temporaryFiles().isEmpty)
      #expect(daemon.process.isRunning)
      #expect(try fixture.journalTotal() == 3)

      try readOnly.unmount()
      #expect(fixture.runCycle(daemon)?.contains("5 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(5))
      #expect(try fixture.outputState() == "matches")
    }

    @Test(.enabled(if: MountedFileSystem.canMount, MountedFileSystem.skipUnlessRoot))
    func readOnlyStateDirectoryAppliesNothingUntilItIsWritableAgain() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let applied = try fixture.rulesFile()
      let readOnly = try MountedFileSystem.readOnlyBind(at: fixture.stateDirectory)

      try fixture.writeFeed(DaemonFaultFixture.addresses(5))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("cycle failed"), "\(failed)")
      #expect(failed.contains("Read-only file system"), "\(failed)")
      #expect(failed.contains(fixture.stateDirectory), "\(failed)")
      #expect(failed.contains("ReadWritePaths="), "\(failed)")
      // Nothing is applied that the journal could not record.
      #expect(try fixture.rulesFile() == applied)
      #expect(daemon.process.isRunning)

      try readOnly.unmount()
      #expect(fixture.runCycle(daemon)?.contains("5 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.journalTotal() == 5)
    }

    @Test func removedRulesDirectoryIsRebuiltByTheNextCycle() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      try FileManager.default.removeItem(atPath: fixture.stagingDirectory)

      try fixture.writeFeed(DaemonFaultFixture.addresses(5))
      #expect(fixture.runCycle(daemon)?.contains("5 addresses") == true, "log: \(daemon.log)")
      #expect(daemon.log.contains("the rules file is missing: rewriting it from the state journal"))
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(5))
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.changeCount() == 2)
    }

    @Test func removedStateDirectoryIsRebuiltFromTheRulesFile() throws {
      let fixture = try DaemonFaultFixture()
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      try FileManager.default.removeItem(atPath: fixture.stateDirectory)

      try fixture.writeFeed(DaemonFaultFixture.addresses(5))
      #expect(fixture.runCycle(daemon)?.contains("5 addresses") == true, "log: \(daemon.log)")
      #expect(daemon.log.contains("the state database was deleted or replaced"))
      #expect(daemon.log.contains("the state journal has no applied list yet"))
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.journalTotal() == 5)
      // The new journal records what really changed since the rules file: two addresses.
      let history = try jsonObject(try fixture.run("history", ["--json"]).output)
      let changes = try #require(history["changes"] as? [[String: Any]])
      #expect(changes.count == 1)
      #expect(changes.first?["added"] as? Int == 2)
      #expect(changes.first?["removed"] as? Int == 0)
    }
  }
}
