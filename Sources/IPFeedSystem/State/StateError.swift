/// A failure of the state journal: the message names the file, says what went wrong, and how to
/// recover.
public struct StateError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// The database file is not a database, or fails its integrity check.
    case damaged
    /// The database could not be opened or used for another reason (permissions, disk).
    case unusable
    /// Another process holds the cycle lock.
    case locked
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }

  /// The documented error for a damaged database, with the recovery.
  static func damaged(_ path: String, detail: String) -> StateError {
    StateError(
      .damaged,
      "the state database \(path) is damaged (\(detail)). Move it aside: mv \(path) \(path).broken"
        + " (and its -wal and -shm files, if any); the next cycle rebuilds the state from the"
        + " rules file and a fresh download")
  }
}
