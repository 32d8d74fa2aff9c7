import Glibc

/// Thin wrappers over the file system calls the daemon needs, each failing with a
/// `SystemCallError` that names the path.
enum FileSystem {
  /// The whole file, or nil when it does not exist. Refuses files larger than `limit` bytes.
  static func readFile(_ path: String, limit: Int = .max) throws(SystemCallError) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw SystemCallError("open", path: path)
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw SystemCallError("stat", path: path) }
    guard Int(info.st_size) <= limit else {
      throw SystemCallError("read", path: path, errno: EFBIG)
    }
    // Straight into the array, sized from the file: one read for a file that keeps its size,
    // no intermediate buffer. A file that grew meanwhile is read on in pieces.
    let expected = Int(info.st_size) + 1
    var failure: Int32 = 0
    var bytes = [UInt8](unsafeUninitializedCapacity: expected) { buffer, initialized in
      while initialized < buffer.count {
        let count = read(fd, buffer.baseAddress! + initialized, buffer.count - initialized)
        if count < 0 {
          if errno == EINTR { continue }
          failure = errno
          return
        }
        if count == 0 { return }
        initialized += count
      }
    }
    guard failure == 0 else { throw SystemCallError("read", path: path, errno: failure) }
    guard bytes.count <= limit else { throw SystemCallError("read", path: path, errno: EFBIG) }
    guard bytes.count == expected else { return bytes }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw SystemCallError("read", path: path)
      }
      if count == 0 { break }
      guard bytes.count + count <= limit else {
        throw SystemCallError("read", path: path, errno: EFBIG)
      }
      bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
  }

  /// Writes all of `bytes` to `fd`.
  static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(SystemCallError) {
    try writeAll(fd, bytes.span, path: path)
  }

  /// Writes all of `bytes` to `fd`.
  static func writeAll(_ fd: Int32, _ bytes: Span<UInt8>, path: String) throws(SystemCallError) {
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes {
        write(fd, $0.baseAddress! + written, $0.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw SystemCallError("write", path: path)
      }
      written += count
    }
  }

  static func fileExists(_ path: String) -> Bool {
    access(path, F_OK) == 0
  }

  /// The device a path lives on, to tell whether a rename between two paths can work.
  static func device(of path: String) throws(SystemCallError) -> UInt64 {
    var info = stat()
    guard stat(path, &info) == 0 else { throw SystemCallError("stat", path: path) }
    return UInt64(info.st_dev)
  }

  /// What changes whenever a file's bytes do: device, inode, size, and the modification and
  /// status-change times in nanoseconds (no one can set the status-change time back, not even
  /// with `touch`). Nil when the file is missing.
  static func identity(of path: String) -> String? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return "\(info.st_dev):\(info.st_ino):\(info.st_size)"
      + ":\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
  }

  /// The permission bits of `path` (0o644, …), or nil when it cannot be stat'ed.
  static func permissions(of path: String) -> UInt32? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return UInt32(info.st_mode) & 0o7777
  }

  /// Creates `path` and its missing parents with mode 0755.
  static func createDirectories(_ path: String) throws(SystemCallError) {
    guard !path.isEmpty, path != "/", !fileExists(path) else { return }
    try createDirectories(parent(of: path))
    if mkdir(path, 0o755) != 0, errno != EEXIST {
      throw SystemCallError("create the directory", path: path)
    }
  }

  /// Flushes a directory's entries, so that a rename in it survives a crash.
  static func syncDirectory(_ path: String) throws(SystemCallError) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { throw SystemCallError("open the directory", path: path) }
    defer { close(fd) }
    guard fsync(fd) == 0 else { throw SystemCallError("sync the directory", path: path) }
  }

  static func parent(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  static func baseName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Names in a directory (without "." and ".."), or [] when it cannot be read.
  static func directoryEntries(_ path: String) -> [String] {
    guard let dir = opendir(path) else { return [] }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}
