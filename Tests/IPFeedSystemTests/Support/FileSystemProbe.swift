import Foundation

/// What a user sees of a file with `cat`, `stat` and `ls`, for tests.
enum FileSystemProbe {
  /// The file's bytes; nil when it does not exist.
  static func read(_ path: String) throws -> [UInt8]? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  /// Device, inode and modification time: the same file, not rewritten, when all three agree.
  struct Identity: Equatable {
    var device: UInt64
    var inode: UInt64
    var modified: Int
    var modifiedNanoseconds: Int
  }

  static func identity(_ path: String) throws -> Identity {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path])
    }
    return Identity(
      device: UInt64(info.st_dev), inode: UInt64(info.st_ino), modified: info.st_mtim.tv_sec,
      modifiedNanoseconds: info.st_mtim.tv_nsec)
  }

  /// The names in a directory; empty when it does not exist.
  static func entries(_ path: String) -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
  }
}
