/// Where the cycle learns what was applied last and records what it applies.
public protocol StateStore {
  /// The applied list and, per source, the last good body with its validators.
  func load() throws -> AppliedState
  /// Records one applied cycle, all or nothing. Called after the rules file is in place.
  func commit(_ commit: CycleCommit) throws
}

/// What the state journal says was applied.
public struct AppliedState: Sendable, Hashable {
  public var list: AddressList
  public var sources: [String: SourceState]

  public init(list: AddressList = .empty, sources: [String: SourceState] = [:]) {
    self.list = list
    self.sources = sources
  }
}
