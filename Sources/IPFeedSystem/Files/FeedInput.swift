import Glibc

/// A feed file, or standard input for "-", read in pieces into one reused buffer: the body
/// never sits in memory whole, and the pages of a 256 KiB buffer are touched once however long
/// the file is. The feed parser takes the pieces as they come.
public final class FeedInput {
  public static let pieceBytes = 1 << 18

  /// The file's size when it is a regular file, 0 when unknown (a pipe): for reserving room.
  public let size: Int
  private let fd: Int32
  private let path: String

  /// Opens `path`; a missing file is an error naming it.
  public init(path: String) throws(SystemCallError) {
    if path == "-" {
      fd = STDIN_FILENO
      self.path = "standard input"
    } else {
      fd = open(path, O_RDONLY | O_CLOEXEC)
      self.path = path
      guard fd >= 0 else { throw SystemCallError("open", path: path) }
    }
    var info = stat()
    size = fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
  }

  deinit {
    if fd != STDIN_FILENO { close(fd) }
  }

  /// Reads the next piece into `buffer` (sized to `pieceBytes` on first use) and returns its
  /// length: 0 at the end.
  public func read(into buffer: inout [UInt8]) throws(SystemCallError) -> Int {
    if buffer.count < Self.pieceBytes { buffer = [UInt8](repeating: 0, count: Self.pieceBytes) }
    while true {
      let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
      if count >= 0 { return count }
      if errno != EINTR { throw SystemCallError("read", path: path) }
    }
  }
}
