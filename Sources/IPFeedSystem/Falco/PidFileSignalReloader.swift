import Glibc
import IPFeedCore

/// SIGHUP to the process whose pid `falco.pid_file` holds, for hosts without systemd. The pid
/// is checked first: a stale pid file must not make us signal whatever process reused the pid
/// without saying so.
public struct PidFileSignalReloader: FalcoReloader {
  public var pidFile: String

  public init(pidFile: String) {
    self.pidFile = pidFile
  }

  public func reload() throws {
    let pid = try readPid()
    guard kill(pid, 0) == 0 else {
      throw FalcoReloadError(
        "Falco's pid file \(pidFile) names pid \(pid), which is not running: start Falco, or fix"
          + " falco.pid_file")
    }
    guard kill(pid, SIGHUP) == 0 else {
      throw FalcoReloadError(
        "could not send SIGHUP to pid \(pid) from \(pidFile): \(String(cString: strerror(errno)))")
    }
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
