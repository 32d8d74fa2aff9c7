import Foundation
import Testing

extension FaultTests {
  /// A full file system under the rules file or the state journal, while the daemon runs: the
  /// cycle fails with a message that names the file and says to free space, the applied list
  /// stays, the daemon goes on, and the cycle after the space is back applies the update.
  @Suite(
    .serialized, .enabled(if: MountedFileSystem.canMount, MountedFileSystem.skipUnlessRoot))
  struct DiskFullTests {
    @Test func fullRulesFileSystemKeepsTheOldFileAndLeavesNoTemporaryFile() throws {
      let fixture = try DaemonFaultFixture()
      // 64 KiB: room for the first, small file, not for 5,000 addresses (about 95 KB).
      let disk = try MountedFileSystem.tmpfs(at: fixture.stagingDirectory, bytes: 64 * 1024)
      let daemon = try fixture.start()
      let first = fixture.waitForCycle(1)
      #expect(first?.contains("3 addresses") == true, "log: \(daemon.log)")
      let applied = try fixture.rulesFile()

      try fixture.writeFeed(DaemonFaultFixture.addresses(5_000))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("cycle failed"), "\(failed)")
      #expect(failed.contains("No space left on device. Free some space"), "\(failed)")
      #expect(failed.contains(fixture.stagingDirectory), "\(failed)")
      #expect(try fixture.rulesFile() == applied)
      #expect(fixture.temporaryFiles().isEmpty)
      #expect(daemon.process.isRunning)
      #expect(try fixture.journalTotal() == 3)
      #expect(try fixture.outputState() == "matches")

      try disk.resize(to: 1024 * 1024)
      let recovered = fixture.runCycle(daemon)
      #expect(recovered?.contains("5000 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(5_000))
      #expect(fixture.temporaryFiles().isEmpty)
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.changeCount() == 2)
    }

    @Test func fullDataFileSystemKeepsTheOldDataFileAndLeavesNoTemporaryFile() throws {
      let fixture = try DaemonFaultFixture()
      try fixture.writeConfig(
        falco: "  reload: none\n", output: "  mode: plugin\n  data_path: \(fixture.dataPath)\n")
      let dataDirectory = fixture.directory.file("plugin")
      // 64 KiB: room for 3 addresses' data file, not for 20,000.
      let disk = try MountedFileSystem.tmpfs(at: dataDirectory, bytes: 64 * 1024)
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let applied = try fixture.directory.read("plugin/falco-ipfeed.bin")

      try fixture.writeFeed(DaemonFaultFixture.addresses(20_000))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("cycle failed"), "\(failed)")
      #expect(failed.contains("No space left on device. Free some space"), "\(failed)")
      #expect(failed.contains(dataDirectory), "\(failed)")
      #expect(try fixture.directory.read("plugin/falco-ipfeed.bin") == applied)
      let leftovers = try FileManager.default.contentsOfDirectory(atPath: dataDirectory)
      #expect(leftovers == ["falco-ipfeed.bin"])
      #expect(daemon.process.isRunning)
      #expect(try fixture.journalTotal() == 3)

      try disk.resize(to: 4 * 1024 * 1024)
      let recovered = fixture.runCycle(daemon)
      #expect(recovered?.contains("20000 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.directory.read("plugin/falco-ipfeed.bin") != applied)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: dataDirectory) == ["falco-ipfeed.bin"])
      #expect(try fixture.journalTotal() == 20_000)
      #expect(try fixture.outputState() == "matches")
    }

    @Test func fullStateFileSystemRollsTheCycleBackAndTheNextOneAgrees() throws {
      let fixture = try DaemonFaultFixture()
      let disk = try MountedFileSystem.tmpfs(at: fixture.stateDirectory, bytes: 16 * 1024 * 1024)
      let daemon = try fixture.start()
      #expect(fixture.waitForCycle(1)?.contains("3 addresses") == true, "log: \(daemon.log)")
      let filler = try disk.fill()

      try fixture.writeFeed(DaemonFaultFixture.addresses(20_000))
      let failed = try #require(fixture.runCycle(daemon), "log: \(daemon.log)")
      #expect(failed.contains("cycle failed"), "\(failed)")
      #expect(failed.contains("state.sqlite"), "\(failed)")
      #expect(failed.contains("full"), "\(failed)")
      #expect(failed.contains("Free some space"), "\(failed)")
      #expect(daemon.process.isRunning)
      // The transaction rolled back: the journal still has the first list and one change.
      #expect(try fixture.journalTotal() == 3)
      #expect(try fixture.changeCount() == 1)

      try FileManager.default.removeItem(atPath: filler)
      let recovered = fixture.runCycle(daemon)
      #expect(recovered?.contains("20000 addresses") == true, "log: \(daemon.log)")
      #expect(try fixture.outputState() == "matches")
      #expect(try fixture.journalTotal() == 20_000)
      #expect(try fixture.listed().count == 20_000)
      #expect(try fixture.changeCount() == 2)
    }
  }
}
