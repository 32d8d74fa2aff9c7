import Foundation
import Testing

@testable import IPFeedSystem

/// `falco-ipfeed run` under a stand-in for systemd's notify socket: readiness, status, the
/// watchdog, and each signal, as systemd sees them.
@Suite(.serialized) struct DaemonTests {
  let directory: TemporaryDirectory
  let notify: NotifySocket
  let feedPath: String
  let outputPath: String
  let configPath: String

  init() throws {
    directory = try TemporaryDirectory()
    notify = try NotifySocket(directory: directory)
    feedPath = directory.file("feeds/ipsum.txt")
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    configPath = directory.file("falco-ipfeed.yaml")
    try writeFeed(["8.8.8.8", "1.1.1.1", "9.9.9.9"])
    try writeConfig(threshold: 2)
  }

  private func writeFeed(_ addresses: [String], count: Int = 3) throws {
    try directory.write(
      "feeds/ipsum.txt", "# feed\n" + addresses.map { "\($0)\t\(count)\n" }.joined())
  }

  private func writeConfig(
    threshold: Int, url: String? = nil, falco: String = "  reload: none\n"
  ) throws {
    try directory.write(
      "falco-ipfeed.yaml",
      """
      interval: 1h
      jitter: 0s
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: \(url ?? "file://\(feedPath)")
          threshold: \(threshold)
      output:
        path: \(outputPath)
      falco:
        validate: never
      \(falco)
      """)
  }

  private func start(watchdogMicroseconds: Int? = nil) throws -> DaemonProcess {
    try DaemonProcess(
      configPath: configPath, notifySocket: notify, directory: directory,
      watchdogMicroseconds: watchdogMicroseconds)
  }

  private func statusCount(_ count: Int) -> (String) -> Bool {
    { $0.contains("STATUS=") && $0.contains("\(count) addresses") && $0.contains("next poll") }
  }

  /// `run` warns at start about a world-readable config whose URLs carry credentials.
  @Test func warnsAtStartWhenOthersCanReadCredentials() throws {
    try writeConfig(threshold: 2, url: "file://\(feedPath)?token=t0ken")
    chmod(configPath, 0o644)
    let daemon = try start()
    #expect(notify.waitFor { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(
      daemon.log.contains("\(configPath) is readable by every user"), "log: \(daemon.log)")
    #expect(daemon.log.contains("chmod 0640 \(configPath)"), "log: \(daemon.log)")
    #expect(!daemon.log.contains("t0ken"), "log: \(daemon.log)")
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(10)) == 0)
  }

  @Test func readyThenStatusWithTheCount() throws {
    let daemon = try start()
    let ready = notify.waitFor { $0.contains("READY=1") }
    #expect(ready != nil, "no READY=1; log: \(daemon.log)")
    #expect(notify.waitFor(statusCount(3)) != nil, "messages: \(notify.messages)")
    // READY comes before the first cycle's status.
    let readyIndex = notify.messages.firstIndex { $0.contains("READY=1") }
    let statusIndex = notify.messages.firstIndex(where: statusCount(3))
    #expect(readyIndex != nil && statusIndex != nil && readyIndex! < statusIndex!)
    #expect(FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func readinessDoesNotWaitForTheNetwork() throws {
    // A feed server that sends its body one byte a second: the first download takes long.
    let slow = try FaultServer([
      "/slow.txt": .init(
        status: 200, reason: "OK", body: Array("8.8.8.8\t3\n".utf8),
        pace: .trickle(bytes: 1, every: .seconds(1)))
    ])
    try writeConfig(threshold: 2, url: "\(slow.baseURL)/slow.txt")
    let daemon = try start()
    #expect(
      notify.waitFor(within: .seconds(5)) { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(!notify.messages.contains(where: statusCount(1)))
  }

  /// The cadence itself is `WatchdogScheduleTests`' job; here only that a daemon under a
  /// watchdog keeps pinging, with a bound a loaded machine meets.
  @Test func pingsTheWatchdogWhileRunning() throws {
    let daemon = try start(watchdogMicroseconds: 400_000)
    #expect(notify.waitFor { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(
      notify.waitForCount(3, within: .seconds(30)) { $0 == "WATCHDOG=1" },
      "messages: \(notify.messages)")
  }

  @Test func noWatchdogPingsWithoutWatchdogUsec() throws {
    let daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    Thread.sleep(forTimeInterval: 0.5)
    #expect(!notify.messages.contains("WATCHDOG=1"))
  }

  @Test func sighupWithAValidConfigReloadsIt() throws {
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t5\n1.1.1.1\t5\n9.9.9.9\t3\n4.4.4.4\t3\n")
    let daemon = try start()
    #expect(notify.waitFor(statusCount(4)) != nil, "log: \(daemon.log)")
    try writeConfig(threshold: 4)
    daemon.send(SIGHUP)
    let reloading = notify.waitFor { $0.contains("RELOADING=1") }
    #expect(reloading?.contains("MONOTONIC_USEC=") == true)
    #expect(notify.waitForCount(2) { $0.contains("READY=1") })
    #expect(notify.waitFor(statusCount(2)) != nil, "messages: \(notify.messages)")
  }

  @Test func sighupWithAnInvalidConfigKeepsTheRunningOne() throws {
    let daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    try directory.write("falco-ipfeed.yaml", "interval: soon\n")
    daemon.send(SIGHUP)
    #expect(notify.waitFor { $0.contains("RELOADING=1") } != nil)
    let status = notify.waitFor { $0.contains("READY=1") && $0.contains("config invalid") }
    #expect(status?.contains("interval") == true, "messages: \(notify.messages)")
    #expect(daemon.process.isRunning)
    // Still working with the old config: SIGUSR1 runs a cycle that keeps the three addresses.
    daemon.send(SIGUSR1)
    #expect(notify.waitForCount(2, statusCount(3)))
  }

  @Test func aDamagedStateJournalIsRetriedOnTheBackoffSchedule() throws {
    try directory.write("state/state.sqlite", "this is not a database\n")
    let daemon = try start()
    #expect(notify.waitFor { $0.contains("cycle failed") } != nil, "log: \(daemon.log)")
    daemon.send(SIGUSR1)
    #expect(notify.waitForCount(2) { $0.contains("cycle failed") }, "log: \(daemon.log)")
    daemon.send(SIGUSR1)
    #expect(notify.waitForCount(3) { $0.contains("cycle failed") }, "log: \(daemon.log)")
    // Each failure doubles the wait: 1, 2 and 4 minutes (each with up to 10 % jitter).
    let waits = daemon.log.split(separator: "\n").filter { $0.contains("cycle failed") }
      .compactMap { line in
        line.firstRange(of: "retry_in=").map {
          line[$0.upperBound...].prefix { $0.isLetter || $0.isNumber }
        }
      }
    #expect(waits.map { $0.prefix(2) } == ["1m", "2m", "4m"], "log: \(daemon.log)")
  }

  @Test func sigusr1RunsACycleNow() throws {
    let daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    try writeFeed(["8.8.8.8", "1.1.1.1", "9.9.9.9", "4.4.4.4"])
    daemon.send(SIGUSR1)
    #expect(notify.waitFor(statusCount(4)) != nil, "messages: \(notify.messages)")
    #expect(try directory.read("falco/rules.d/falco-ipfeed.yaml").count > 0)
  }

  @Test func sigtermStopsWithExit0() throws {
    let daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(5)) == 0)
    #expect(notify.messages.contains("STOPPING=1"))
    #expect(!directory.allFiles().contains { $0.contains(".tmp.") })
  }

  /// A feed server whose body comes one byte every 200 ms: the download lasts minutes.
  private func useSlowFeed() throws -> FaultServer {
    let slow = try FaultServer([
      "/slow.txt": .init(
        status: 200, reason: "OK", body: [UInt8](repeating: UInt8(ascii: "#"), count: 1_000),
        pace: .trickle(bytes: 1, every: .milliseconds(200)))
    ])
    try writeConfig(threshold: 2, url: "\(slow.baseURL)/slow.txt")
    return slow
  }

  @Test func sigtermDuringASlowTransferStopsWithinASecond() throws {
    let slow = try useSlowFeed()
    let daemon = try start()
    #expect(notify.waitFor { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(slow.waitForRequests(1), "no download started; log: \(daemon.log)")
    let sent = ContinuousClock.now
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(5)) == 0, "log: \(daemon.log)")
    #expect(ContinuousClock.now - sent < .seconds(1), "log: \(daemon.log)")
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func sigtermAfterASighupDuringASlowTransferStopsWithinASecond() throws {
    let slow = try useSlowFeed()
    let daemon = try start()
    #expect(notify.waitFor { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(slow.waitForRequests(1), "no download started; log: \(daemon.log)")
    // The reload builds a new runner while the download runs on the old one.
    daemon.send(SIGHUP)
    #expect(notify.waitForCount(2) { $0.contains("READY=1") }, "log: \(daemon.log)")
    let sent = ContinuousClock.now
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(5)) == 0, "log: \(daemon.log)")
    #expect(ContinuousClock.now - sent < .seconds(1), "log: \(daemon.log)")
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func readinessDoesNotWaitForTheCycleLock() throws {
    // Another process (a `once`, here this test) holds the state directory's lock.
    let lock = try CycleLock.acquire(directory: directory.file("state"), wait: .zero)
    defer { lock.release() }
    let daemon = try start()
    #expect(
      notify.waitFor(within: .seconds(5)) { $0.contains("READY=1") } != nil, "log: \(daemon.log)")
    #expect(daemon.process.isRunning)
    // The first cycle waits for the lock off the daemon queue: signals are still handled.
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(10)) == 0, "log: \(daemon.log)")
  }

  @Test func aMissingRulesFileIsRestoredBeforeReadyAndFalcoReloadedAfter() throws {
    let falco = try StandInFalco(directory: directory)
    try writeConfig(
      threshold: 2, falco: "  reload: sighup\n  unit: \"\"\n  pid_file: \(falco.pidFile)\n")
    var daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    #expect(falco.waitForHangups(1))
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(5)) == 0)
    try FileManager.default.removeItem(atPath: outputPath)
    // The feed goes away: only the state journal can bring the file back.
    try FileManager.default.removeItem(atPath: feedPath)
    daemon = try start()
    #expect(notify.waitForCount(2) { $0.contains("READY=1") }, "log: \(daemon.log)")
    #expect(FileManager.default.fileExists(atPath: outputPath), "log: \(daemon.log)")
    #expect(falco.waitForHangups(2), "log: \(daemon.log)")
    #expect(daemon.log.contains("the rules file is missing"), "log: \(daemon.log)")
  }

  @Test func standInFalcoGetsOneSighupPerChangeAndNoneWhenUnchanged() throws {
    let falco = try StandInFalco(directory: directory)
    try writeConfig(
      threshold: 2, falco: "  reload: sighup\n  unit: \"\"\n  pid_file: \(falco.pidFile)\n")
    let daemon = try start()
    #expect(notify.waitFor(statusCount(3)) != nil, "log: \(daemon.log)")
    #expect(falco.waitForHangups(1))
    // Unchanged feed: a cycle, no reload.
    daemon.send(SIGUSR1)
    #expect(notify.waitForCount(2, statusCount(3)))
    Thread.sleep(forTimeInterval: 0.5)
    #expect(falco.hangups == 1)
    // A change: exactly one more.
    try writeFeed(["8.8.8.8", "1.1.1.1", "9.9.9.9", "4.4.4.4"])
    daemon.send(SIGUSR1)
    #expect(notify.waitFor(statusCount(4)) != nil)
    #expect(falco.waitForHangups(2))
    Thread.sleep(forTimeInterval: 0.5)
    #expect(falco.hangups == 2)
  }
}
