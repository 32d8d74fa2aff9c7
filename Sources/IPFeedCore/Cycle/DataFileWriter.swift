/// Plugin mode's data file, which falco-ipfeed's Falco plugin reads. Sendable: the daemon runs
/// cycles on a worker queue.
public protocol DataFileWriter: Sendable {
  /// The file's bytes, or nil when it does not exist.
  func currentContents() throws -> [UInt8]?
  /// Replaces the file as a whole: the plugin sees the old bytes or the new, never a mix.
  func install(_ contents: [UInt8]) throws
}
