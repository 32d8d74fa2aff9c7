import Glibc

/// A file's device and inode: what stays the same while the file is renamed within its
/// directory, and changes when another file takes its path.
struct FileIdentity: Sendable, Hashable {
  var device: UInt64
  var inode: UInt64

  /// The file at `path` (following symbolic links); nil when there is none.
  init?(of path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
  }
}
