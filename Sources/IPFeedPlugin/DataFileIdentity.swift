import Glibc

/// What tells one data file from the next without reading it: a rename gives a new inode, a
/// rewrite a new size or modification time.
struct DataFileIdentity: Sendable, Hashable {
  var device: UInt64
  var inode: UInt64
  var size: Int64
  var modifiedSeconds: Int64
  var modifiedNanoseconds: Int64

  init(_ status: stat) {
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
    size = Int64(status.st_size)
    modifiedSeconds = Int64(status.st_mtim.tv_sec)
    modifiedNanoseconds = Int64(status.st_mtim.tv_nsec)
  }

  /// The identity of the file at `path` now; nil when there is none (errno says why).
  static func of(path: String) -> DataFileIdentity? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return DataFileIdentity(status)
  }
}
