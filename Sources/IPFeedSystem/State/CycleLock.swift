import Glibc
import IPFeedCore

/// One cycle at a time per state directory: an exclusive `flock` on `state_directory/lock`,
/// with the holder's pid written in the file for the message another process gives. The kernel
/// drops the lock when its holder exits, killed or not: a stale lock cannot outlive a run.
final class CycleLock {
  static let fileName = "lock"

  let path: String
  private var fd: Int32

  private init(path: String, fd: Int32) {
    self.path = path
    self.fd = fd
  }

  deinit { release() }

  /// Takes the lock of `directory`, waiting up to `wait` for another holder to let go.
  static func acquire(directory: String, wait: Duration) throws(StateError) -> CycleLock {
    do {
      try StateDatabase.createStateDirectory(directory)
    } catch {
      throw StateError(.unusable, "could not create the state directory: \(error)")
    }
    let path = "\(directory)/\(fileName)"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
    guard fd >= 0 else {
      throw StateError(.unusable, "\(SystemCallError("open the lock file", path: path))")
    }
    let clock = ContinuousClock()
    let deadline = clock.now + wait
    while flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let failure = errno
      if failure == EINTR { continue }
      guard failure == EWOULDBLOCK else {
        close(fd)
        throw StateError(.unusable, "\(SystemCallError("lock", path: path, errno: failure))")
      }
      guard clock.now < deadline else {
        let holder = holderPid(fd).map { "pid \($0)" } ?? "pid unknown"
        close(fd)
        throw StateError(
          .locked,
          "another falco-ipfeed cycle holds the lock (\(holder)); waited \(DurationText.format(wait))"
            + " for \(path)")
      }
      usleep(50_000)
    }
    let pid = Array("\(getpid())\n".utf8)
    if ftruncate(fd, 0) == 0 {
      _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }
    return CycleLock(path: path, fd: fd)
  }

  func release() {
    guard fd >= 0 else { return }
    close(fd)
    fd = -1
  }

  private static func holderPid(_ fd: Int32) -> Int32? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    let text = String(decoding: buffer[0..<count], as: UTF8.self)
    return Int32(text.trimmingWhitespace)
  }
}
