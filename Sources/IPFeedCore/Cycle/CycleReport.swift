/// What one update cycle did.
public struct CycleReport: Sendable {
  public enum Outcome: Sendable {
    /// A new list was written: in rules mode Falco was asked to load it, in plugin mode the
    /// plugin swaps it in by itself.
    case applied(ListDiff)
    /// The rules file was rewritten though the list did not change (the rule settings changed,
    /// or no state journal said what the file held).
    case rewritten
    /// The list and the file are as they were: nothing written, nothing reloaded.
    case unchanged
    /// The safety guard held the update: nothing written.
    case held(SafetyHold)
    /// No source had any data: nothing to build a list from.
    case noData
    /// Falco's check found the new file invalid: nothing installed, the update is held.
    case rejectedByFalco(RulesFileRejection)
  }

  public var outcome: Outcome
  public var sources: [SourceReport]
  public var exclusions: ExclusionReport
  /// The number of addresses on the list now in force.
  public var total: Int
  /// Set when the file changed but Falco could not be made to load it.
  public var reloadFailure: String?
  /// Whether this cycle installed a new rules file (and so asked Falco to reload).
  public var rulesFileInstalled: Bool
  /// Plugin mode: the generation of the data file this cycle installed, if it installed one.
  public var dataFileGeneration: Int64?
  /// The state journal's id of the change this cycle recorded (`history`), when it recorded one.
  public var changeID: Int64?

  public init(
    outcome: Outcome, sources: [SourceReport], exclusions: ExclusionReport, total: Int,
    reloadFailure: String? = nil, changeID: Int64? = nil, rulesFileInstalled: Bool = false,
    dataFileGeneration: Int64? = nil
  ) {
    self.rulesFileInstalled = rulesFileInstalled
    self.dataFileGeneration = dataFileGeneration
    self.outcome = outcome
    self.sources = sources
    self.exclusions = exclusions
    self.total = total
    self.reloadFailure = reloadFailure
    self.changeID = changeID
  }

  public var anySourceFailed: Bool { sources.contains(where: \.failed) }

  /// The exit status of `falco-ipfeed once`: 0 applied or unchanged, 3 held by a safety guard
  /// (the safety limits, or Falco's check of the new file),
  /// 1 when a source failed or nothing could be applied.
  public var exitCode: Int32 {
    switch outcome {
    case .held: 3
    case .noData: 1
    case .rejectedByFalco: 3
    case .applied, .rewritten, .unchanged: anySourceFailed || reloadFailure != nil ? 1 : 0
    }
  }
}
