import Glibc
import IPFeedCore

/// Writes the status file atomically: a temporary file beside it, fsync, rename.
enum StatusFileWriter {
  /// nil on success, else what failed.
  static func write(_ status: PluginStatus, to path: String) -> String? {
    let temporary = path + ".tmp"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      return "cannot create \(temporary): \(String(cString: strerror(errno)))"
    }
    let bytes = Array(status.text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        close(descriptor)
        unlink(temporary)
        return "cannot write \(temporary): \(reason)"
      }
      written += count
    }
    guard fsync(descriptor) == 0, close(descriptor) == 0 else {
      unlink(temporary)
      return "cannot write \(temporary): \(String(cString: strerror(errno)))"
    }
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      return "cannot rename \(temporary) to \(path): \(reason)"
    }
    return nil
  }
}
