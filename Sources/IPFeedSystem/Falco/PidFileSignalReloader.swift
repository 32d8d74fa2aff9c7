import Glibc
import IPFeedCore

/// SIGHUP to the process whose pid `falco.pid_file` holds, for hosts without systemd.
///
/// A pid file outlives its process, and the kernel hands a freed pid to the next process. So
/// before the signal, the process with that pid must be running under Falco's name (its
/// `/proc/PID/comm`, the base name of `falco.binary`): a stale pid file makes an error that says
/// so, and the process that reused the pid is left alone. (A pid reused in the microseconds
/// between that check and `kill` cannot be excluded without pidfds; the check closes the window
/// of hours that a stale file leaves open.)
public struct PidFileSignalReloader: FalcoReloader {
  public var pidFile: String
  /// The name Falco runs under, as `/proc/PID/comm` shows it: at most 15 bytes.
  public var processName: String

  /// `falcoBinary`'s base name is the process name to expect ("falco").
  public init(pidFile: String, falcoBinary: String = "falco") {
    self.pidFile = pidFile
    self.processName = Self.commName(ofBinary: falcoBinary)
  }

  public func reload() throws {
    let pid = try readPid()
    guard let running = Self.commandName(of: pid) else {
      throw FalcoReloadError(
        "Falco's pid file \(pidFile) names pid \(pid), which is not running: start Falco, or fix"
          + " falco.pid_file")
    }
    guard running == processName else {
      throw FalcoReloadError(
        "Falco's pid file \(pidFile) is stale: pid \(pid) is \"\(running)\", not"
          + " \"\(processName)\", so it was not signalled. Restart Falco so that it writes its pid"
          + " file, or fix falco.pid_file (or falco.binary, whose name Falco runs under)")
    }
    guard kill(pid, SIGHUP) == 0 else {
      throw FalcoReloadError(
        "could not send SIGHUP to pid \(pid) from \(pidFile): \(String(cString: strerror(errno)))")
    }
  }

  /// `/proc/PID/comm` without its line break, or nil when no process has the pid.
  static func commandName(of pid: pid_t) -> String? {
    guard let bytes = try? FileSystem.readFile("/proc/\(pid)/comm", limit: 64) else { return nil }
    return String(decoding: bytes, as: UTF8.self).trimmingWhitespace
  }

  /// The kernel keeps the first 15 bytes of the executable's base name as `comm`.
  static func commName(ofBinary binary: String) -> String {
    let base = binary.split(separator: "/").last.map(String.init) ?? binary
    return String(decoding: base.utf8.prefix(15), as: UTF8.self)
  }

  private func readPid() throws -> pid_t {
    let bytes: [UInt8]?
    do {
      bytes = try FileSystem.readFile(pidFile, limit: 64)
    } catch {
      throw FalcoReloadError("could not read Falco's pid file: \(error)")
    }
    guard let bytes else {
      throw FalcoReloadError("Falco's pid file \(pidFile) does not exist: is Falco running?")
    }
    let text = String(decoding: bytes, as: UTF8.self).trimmingWhitespace
    guard let pid = pid_t(text), pid > 1 else {
      throw FalcoReloadError("Falco's pid file \(pidFile) holds \"\(text)\", not a pid")
    }
    return pid
  }
}
