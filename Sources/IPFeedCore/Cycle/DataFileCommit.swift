/// A data file a cycle (or the recovery at start) installed in plugin mode: what the state
/// journal records of it, so that the next start can tell a missing or different file.
public struct DataFileCommit: Sendable, Hashable {
  /// The change id the file carries (the change this cycle records).
  public var generation: Int64
  /// The bytes installed.
  public var contents: [UInt8]
  /// The since the file gives the addresses it lists first: the journal records the same.
  public var listedAt: Int64

  public init(generation: Int64, contents: [UInt8], listedAt: Int64) {
    self.generation = generation
    self.contents = contents
    self.listedAt = listedAt
  }
}
