import Glibc
import IPFeedCore

/// SIGHUP to the process whose pid `falco.pid_file` holds, for hosts without systemd. The pid
/// is checked first: it must run, under the command name `falco`. A stale pid file must not
/// make us signal whatever process reused the pid.
public struct PidFileSignalReloader: FalcoReloader {
  public var pidFile: String

  public init(pidFile: String) {
    self.pidFile = pidFile
  }

  public func reload() throws {
    let pid = try readPid()
    guard kill(pid, 0) == 0, let name = Self.processName(pid) else {
      throw FalcoReloadError(
        "Falco's pid file \(pidFile) names pid \(pid), which is not running: start Falco, or fix"
          + " falco.pid_file")
    }
    // A stale pid file whose pid was reused: SIGHUP would end or confuse that process.
    guard name == Self.falcoProcessName else {
      throw FalcoReloadError(
        "Falco's pid file \(pidFile) names pid \(pid), which is \"\(name)\", not"
          + " \(Self.falcoProcessName): the pid file is stale (sent nothing); restart Falco so"
          + " that it writes its pid, or fix falco.pid_file")
    }
    guard kill(pid, SIGHUP) == 0 else {
      throw FalcoReloadError(
        "could not send SIGHUP to pid \(pid) from \(pidFile): \(String(cString: strerror(errno)))")
    }
  }

  /// The command name (`/proc/PID/comm`) Falco runs under.
  static let falcoProcessName = "falco"

  /// The command name of a running process; nil when it is gone.
  private static func processName(_ pid: pid_t) -> String? {
    guard let bytes = try? FileSystem.readFile("/proc/\(pid)/comm", limit: 64) else { return nil }
    return String(decoding: bytes, as: UTF8.self).trimmingWhitespace
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

extension String {
  fileprivate var trimmingWhitespace: String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
