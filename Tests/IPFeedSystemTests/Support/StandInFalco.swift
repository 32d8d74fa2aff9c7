import Foundation

/// A process standing in for Falco (its command name is `falco`): it writes its pid file and
/// counts the SIGHUPs it gets. With another command name it is a process that took over
/// Falco's pid: what a stale pid file names.
final class StandInFalco {
  let process = Process()
  let pidFile: String
  let hangupLog: String

  init(directory: TemporaryDirectory, commandName: String = "falco") throws {
    pidFile = directory.file("falco.pid")
    hangupLog = directory.file("\(commandName)-hangups.log")
    _ = FileManager.default.createFile(atPath: hangupLog, contents: nil)
    // Started through a link of that name: the kernel takes the command name from it.
    let falco = directory.file("bin/\(commandName)")
    if !FileManager.default.fileExists(atPath: falco) {
      try FileManager.default.createDirectory(
        atPath: directory.file("bin"), withIntermediateDirectories: true)
      try FileManager.default.createSymbolicLink(atPath: falco, withDestinationPath: "/bin/sh")
    }
    process.executableURL = URL(fileURLWithPath: falco)
    process.arguments = [
      "-c",
      """
      trap 'echo hup >> \(hangupLog)' HUP
      echo $$ > \(pidFile)
      while :; do sleep 0.05; done
      """,
    ]
    // A pid file left from before (stale) is replaced; wait for this process's own.
    try? FileManager.default.removeItem(atPath: pidFile)
    try process.run()
    let deadline = ContinuousClock.now + .seconds(5)
    while !FileManager.default.fileExists(atPath: pidFile) && ContinuousClock.now < deadline {
      usleep(10_000)
    }
  }

  deinit {
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
