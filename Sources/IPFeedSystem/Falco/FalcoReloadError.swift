/// Falco could not be made to load the new rules file. The file is in place; the daemon keeps a
/// "reload pending" mark and tries again at the next cycle.
public struct FalcoReloadError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
