/// Everything one applied cycle records, in one transaction.
public struct CycleCommit: Sendable, Hashable {
  public var list: AddressList
  public var diff: ListDiff
  /// The bytes now in the rules file.
  public var rulesFile: [UInt8]
  /// Sources that delivered a new body this cycle, with what to remember of it.
  public var updatedSources: [String: SourceState]

  public init(
    list: AddressList, diff: ListDiff, rulesFile: [UInt8], updatedSources: [String: SourceState]
  ) {
    self.list = list
    self.diff = diff
    self.rulesFile = rulesFile
    self.updatedSources = updatedSources
  }
}
