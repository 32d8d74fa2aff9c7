import Foundation

/// A process standing in for Falco: it writes its pid file and counts the SIGHUPs it gets. It
/// runs under the name `name` (a copy of /bin/sh by that name), as `/proc/PID/comm` shows it.
final class StandInFalco {
  let process = Process()
  let pidFile: String
  let hangupLog: String

  init(directory: TemporaryDirectory, name: String = "falco") throws {
    pidFile = directory.file("falco.pid")
    hangupLog = directory.file("\(name)-hangups.log")
    _ = FileManager.default.createFile(atPath: hangupLog, contents: nil)
    let shell = try directory.writeExecutable(
      "stand-in/\(name)",
      Array(try Data(contentsOf: URL(fileURLWithPath: "/bin/sh").resolvingSymlinksInPath())))
    process.executableURL = URL(fileURLWithPath: shell)
    process.arguments = [
      "-c",
      """
      trap 'echo hup >> \(hangupLog)' HUP
      echo $$ > \(pidFile).new && mv \(pidFile).new \(pidFile)
      while :; do sleep 0.05; done
      """,
    ]
    try process.run()
    // Ready once the pid file names this process: a stale file from an earlier one may be there.
    let own = "\(process.processIdentifier)"
    let deadline = ContinuousClock.now + .seconds(5)
    while ContinuousClock.now < deadline,
      (try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(
        in: .whitespacesAndNewlines) != own
    {
      usleep(10_000)
    }
  }

  deinit {
    guard process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }

  var hangups: Int {
    ((try? String(contentsOfFile: hangupLog, encoding: .utf8)) ?? "")
      .split(separator: "\n").count
  }

  func waitForHangups(_ count: Int, within timeout: Duration = .seconds(10)) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while hangups < count && ContinuousClock.now < deadline { usleep(20_000) }
    return hangups >= count
  }
}
