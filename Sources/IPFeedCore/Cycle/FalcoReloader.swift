/// Makes Falco load the rules file after it changed. Sendable: the daemon runs cycles on a
/// worker queue.
public protocol FalcoReloader: Sendable {
  func reload() throws
}

/// For Falco that watches its rules files itself (`falco.reload: none`, or `auto` deciding so).
public struct FalcoWatchesItsFiles: FalcoReloader {
  public init() {}
  public func reload() {}
}
