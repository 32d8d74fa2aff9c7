import Glibc

/// Raw access to the standard streams, for feeds piped in and rules files piped out.
public enum StandardStreams {
  /// Everything on standard input.
  public static func readInput() throws(SystemCallError) -> [UInt8] {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw SystemCallError("read", path: "standard input")
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: buffer[0..<count])
    }
  }

  public static func writeOutput(_ bytes: [UInt8]) throws(SystemCallError) {
    try FileSystem.writeAll(STDOUT_FILENO, bytes, path: "standard output")
  }

  /// Writes one piece of a longer output: for output written as it is made.
  public static func writeOutput(_ bytes: Span<UInt8>) throws(SystemCallError) {
    try FileSystem.writeAll(STDOUT_FILENO, bytes, path: "standard output")
  }

  /// A file's bytes, or standard input for "-"; a missing file is an error naming it.
  public static func readFileOrInput(_ path: String) throws(SystemCallError) -> [UInt8] {
    if path == "-" { return try readInput() }
    guard let bytes = try FileSystem.readFile(path) else {
      throw SystemCallError("open", path: path, errno: ENOENT)
    }
    return bytes
  }

  /// One line on standard error; a failure to write it has nowhere to be reported.
  public static func writeErrorLine(_ line: String) {
    try? FileSystem.writeAll(STDERR_FILENO, Array((line + "\n").utf8), path: "standard error")
  }
}
