import Glibc
import IPFeedCore

/// Reads and decodes the data file in one go, with the identity of exactly the bytes read.
enum DataFileReader {
  enum Outcome {
    case loaded(PluginDataFile, DataFileIdentity)
    case missing
    case failed(String, DataFileIdentity?)
  }

  static func read(path: String) -> Outcome {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT { return .missing }
      return .failed("cannot open \(path): \(String(cString: strerror(code)))", nil)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      return .failed("cannot stat \(path): \(String(cString: strerror(errno)))", nil)
    }
    let identity = DataFileIdentity(status)
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      return .failed("\(path) is not a regular file", identity)
    }
    // Read at most one byte more than the format allows, so that an oversized file is refused
    // by the decoder with its size, and a file that grows while read is never read forever.
    let limit = PluginDataFile.maximumFileSize + 1
    let expected = min(Int(status.st_size), limit)
    var bytes = [UInt8](repeating: 0, count: expected)
    var filled = 0
    while filled < expected {
      let count = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress! + filled, expected - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        return .failed("cannot read \(path): \(String(cString: strerror(errno)))", identity)
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeLast(expected - filled)
    do {
      return .loaded(try PluginDataFile(decoding: bytes), identity)
    } catch {
      return .failed("\(path): \(error)", identity)
    }
  }
}
