/// The rules file Falco loads. Sendable: the daemon runs cycles on a worker queue.
public protocol RulesFileWriter: Sendable {
  /// The file's bytes, or nil when it does not exist.
  func currentContents() throws -> [UInt8]?
  /// Replaces the file as a whole: readers see the old bytes or the new, never a mix.
  func install(_ contents: [UInt8]) throws
}
