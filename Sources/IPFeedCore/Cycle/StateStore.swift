/// Where the cycle learns what was applied last and records what it did.
public protocol StateStore {
  /// The applied list and, per source, the last applied body with its validators.
  func load() throws -> AppliedState
  /// What was applied, without the list: enough to tell an unchanged cycle from one that must
  /// compute the list. A store that has no cheaper way gets it from `load()`.
  func loadSummary() throws -> AppliedSummary
  /// Records a cycle that reached the rules file, all or nothing: the list, the change, the new
  /// bodies with their validators, the sources' checks. Called after the rules file is in place.
  /// Returns the id of the change recorded (`CycleCommit.isChange`), else nil.
  func commit(_ commit: CycleCommit) throws -> Int64?
  /// Records the checks of a cycle that applied nothing (held, no data, failed): check times,
  /// results, errors, consecutive failures. Never validators or bodies: the next cycle must
  /// download what this one did not apply.
  func recordChecks(_ checks: [SourceCheck], ending: CycleEnding) throws
  /// Plugin mode: since when each address of the applied list is listed (seconds since 1970);
  /// an address without a known time is absent.
  func listedSince() throws -> [IPAddress: Int64]
  /// Plugin mode: the id the next recorded change gets, the generation of a new data file. The
  /// caller holds the cycle lock, so no other cycle takes it first.
  func nextChangeID() throws -> Int64
}

extension StateStore {
  public func loadSummary() throws -> AppliedSummary {
    let applied = try load()
    return AppliedSummary(
      sources: applied.sources, total: applied.list.count, config: applied.config)
  }
}

/// What the state journal says was applied.
public struct AppliedState: Sendable, Hashable {
  public var list: AddressList
  public var sources: [String: SourceState]
  /// The effective config (`ConfigRenderer.yaml`) the list and the rules file were made with;
  /// nil when not known.
  public var config: String?

  public init(
    list: AddressList = .empty, sources: [String: SourceState] = [:], config: String? = nil
  ) {
    self.list = list
    self.sources = sources
    self.config = config
  }
}
