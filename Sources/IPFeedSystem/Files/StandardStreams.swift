import Glibc

/// Raw access to the standard streams, for rules files piped out (`FeedInput` reads feeds
/// piped in).
public enum StandardStreams {
  public static func writeOutput(_ bytes: [UInt8]) throws(SystemCallError) {
    try FileSystem.writeAll(STDOUT_FILENO, bytes, path: "standard output")
  }

  /// Writes one piece of a longer output: for output written as it is made.
  public static func writeOutput(_ bytes: Span<UInt8>) throws(SystemCallError) {
    try FileSystem.writeAll(STDOUT_FILENO, bytes, path: "standard output")
  }

  /// One line on standard error; a failure to write it has nowhere to be reported.
  public static func writeErrorLine(_ line: String) {
    try? FileSystem.writeAll(STDERR_FILENO, Array((line + "\n").utf8), path: "standard error")
  }
}
