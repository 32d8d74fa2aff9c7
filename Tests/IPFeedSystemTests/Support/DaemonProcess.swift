import Foundation

/// `falco-ipfeed run` as systemd would start it: with NOTIFY_SOCKET (and WATCHDOG_USEC) set.
final class DaemonProcess {
  let process = Process()
  let logPath: String

  init(
    configPath: String, notifySocket: NotifySocket, directory: TemporaryDirectory,
    watchdogMicroseconds: Int? = nil, environment extra: [String: String] = [:]
  ) throws {
    logPath = directory.file("daemon.log")
    _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    process.executableURL = URL(fileURLWithPath: TestPaths.binary)
    process.arguments = ["run", "--config", configPath]
    var environment = ProcessInfo.processInfo.environment
    environment["NOTIFY_SOCKET"] = notifySocket.path
    environment["WATCHDOG_USEC"] = watchdogMicroseconds.map(String.init)
    environment["JOURNAL_STREAM"] = nil
    environment["WATCHDOG_PID"] = nil
    environment.merge(extra) { _, new in new }
    process.environment = environment
    let log = FileHandle(forWritingAtPath: logPath)
    process.standardOutput = log
    process.standardError = log
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  deinit {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  func send(_ signal: Int32) {
    kill(process.processIdentifier, signal)
  }

  /// The exit status, or nil if it has not exited within `timeout`.
  func waitForExit(within timeout: Duration) -> Int32? {
    let deadline = ContinuousClock.now + timeout
    while process.isRunning && ContinuousClock.now < deadline { usleep(20_000) }
    return process.isRunning ? nil : process.terminationStatus
  }

  var log: String {
    (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
  }
}
