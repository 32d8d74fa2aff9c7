import Foundation
import Testing

extension FaultTests {
  /// Falco cannot be reached to reload: a stale pid file, a pid file naming another process, no
  /// system bus. The new list is installed and kept, the failure is reported and marked pending,
  /// the daemon goes on, and a later cycle reloads Falco once it can be reached.
  @Suite(.serialized) struct FalcoReloadFaultTests {
    private static func pidFileConfig(_ pidFile: String) -> String {
      "  reload: sighup\n  unit: \"\"\n  pid_file: \(pidFile)\n"
    }

    /// The pid of a process that has exited.
    private static func exitedPid() throws -> Int32 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/true")
      try process.run()
      process.waitUntilExit()
      return process.processIdentifier
    }

    private func pending(_ fixture: DaemonFaultFixture) throws -> [String: Any]? {
      try fixture.status()["falco_reload_pending"] as? [String: Any]
    }

    @Test func stalePidFileIsReportedAndTheReloadHappensOnceFalcoRuns() throws {
      let fixture = try DaemonFaultFixture()
      let pidFile = fixture.directory.file("falco.pid")
      try fixture.directory.write("falco.pid", "\(try Self.exitedPid())\n")
      try fixture.writeConfig(falco: Self.pidFileConfig(pidFile))
      let daemon = try fixture.start()
      let first = try #require(fixture.waitForCycle(1), "log: \(daemon.log)")
      #expect(first.contains("3 addresses"), "\(first)")
      #expect(first.contains("Falco reload failed"), "\(first)")
      #expect(
        first.contains("which is not running: start Falco, or fix falco.pid_file"), "\(first)")
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(3))
      #expect(try pending(fixture) != nil)
      #expect(daemon.process.isRunning)

      let falco = try StandInFalco(directory: fixture.directory)
      #expect(falco.pidFile == pidFile)
      _ = fixture.runCycle(daemon)
      #expect(falco.waitForHangups(1), "log: \(daemon.log)")
      #expect(try pending(fixture) == nil)
      // The retried reload was the only one: the unchanged list asks for none.
      _ = fixture.runCycle(daemon)
      Thread.sleep(forTimeInterval: 0.3)
      #expect(falco.hangups == 1)
    }

    @Test func pidFileNamingAnotherProcessSignalsNothing() throws {
      let fixture = try DaemonFaultFixture()
      // Falco's pid, since taken by another process: a pid file gone stale.
      let other = try StandInFalco(directory: fixture.directory, name: "sshd")
      try fixture.writeConfig(falco: Self.pidFileConfig(other.pidFile))
      let daemon = try fixture.start()
      let first = try #require(fixture.waitForCycle(1), "log: \(daemon.log)")
      #expect(
        first.contains("is stale: pid ")
          && first.contains("is \"sshd\", not \"falco\", so it was not signalled"), "\(first)")
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(3))
      Thread.sleep(forTimeInterval: 0.3)
      #expect(other.hangups == 0)
      #expect(daemon.process.isRunning)

      let falco = try StandInFalco(directory: fixture.directory)
      _ = fixture.runCycle(daemon)
      #expect(falco.waitForHangups(1), "log: \(daemon.log)")
      #expect(try pending(fixture) == nil)
    }

    @Test func unreachableSystemBusIsReportedAndRetriedEveryCycle() throws {
      let fixture = try DaemonFaultFixture()
      try fixture.writeConfig(falco: "  reload: sighup\n  unit: falco.service\n")
      let bus = fixture.directory.file("no-system-bus")
      let daemon = try fixture.start(environment: ["DBUS_SYSTEM_BUS_ADDRESS": "unix:path=\(bus)"])
      let first = try #require(fixture.waitForCycle(1), "log: \(daemon.log)")
      #expect(first.contains("3 addresses"), "\(first)")
      #expect(
        first.contains("could not send SIGHUP to falco.service")
          && first.contains("cannot reach systemd")
          && first.contains("Is systemd running on this host"), "\(first)")
      #expect(try fixture.listed() == DaemonFaultFixture.addresses(3))
      let since = try #require(try pending(fixture)?["since"] as? String)

      // Each later cycle tries again, and keeps the time it first failed.
      _ = fixture.runCycle(daemon)
      #expect(daemon.log.components(separatedBy: "Falco reload failed").count - 1 >= 2)
      #expect(try pending(fixture)?["since"] as? String == since)
      #expect(daemon.process.isRunning)
    }
  }
}
