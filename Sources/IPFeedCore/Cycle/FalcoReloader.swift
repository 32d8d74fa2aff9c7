/// Makes Falco load the rules file after it changed.
public protocol FalcoReloader {
  func reload() throws
}

/// For Falco that watches its rules files itself (`falco.reload: none`, or `auto` deciding so).
public struct FalcoWatchesItsFiles: FalcoReloader {
  public init() {}
  public func reload() {}
}
