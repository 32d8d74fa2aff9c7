/// Everything one cycle that reached the rules file records, in one transaction: the list in
/// force, the change, the new bodies with their validators, and every source's check.
public struct CycleCommit: Sendable, Hashable {
  public var list: AddressList
  public var diff: ListDiff
  /// Addresses on both the old and the new list whose score or source changed, as they are now.
  public var rescored: [ListedAddress]
  /// The bytes now in the rules file.
  public var rulesFile: [UInt8]
  /// Whether this cycle installed `rulesFile` (false: the file already held these bytes).
  public var fileInstalled: Bool
  /// Plugin mode: the data file this cycle installed, when the list changed (or the file was
  /// missing). The change is recorded under its generation.
  public var dataFile: DataFileCommit?
  /// Whether `--force` applied what the safety guard would have held.
  public var forced: Bool
  /// Sources that delivered a new body this cycle, with what to remember of it.
  public var updatedSources: [String: SourceState]
  /// Every configured source's check, in config order.
  public var checks: [SourceCheck]
  /// The effective config the list and the file were made with, for the next cycle to compare.
  public var config: String?

  public init(
    list: AddressList, diff: ListDiff, rescored: [ListedAddress] = [], rulesFile: [UInt8],
    fileInstalled: Bool = true, dataFile: DataFileCommit? = nil, forced: Bool = false,
    updatedSources: [String: SourceState], checks: [SourceCheck] = [], config: String? = nil
  ) {
    self.dataFile = dataFile
    self.list = list
    self.diff = diff
    self.rescored = rescored
    self.rulesFile = rulesFile
    self.fileInstalled = fileInstalled
    self.forced = forced
    self.updatedSources = updatedSources
    self.checks = checks
    self.config = config
  }

  /// How the cycle ended: applied when the list changed, rewritten when only the file did.
  public var ending: CycleEnding {
    !diff.isEmpty ? .applied : fileInstalled || dataFile != nil ? .rewritten : .unchanged
  }

  /// Whether the journal records this cycle as a change (a row in `history`): the list changed
  /// or a new file (rules or data) was installed.
  public var isChange: Bool { !diff.isEmpty || fileInstalled || dataFile != nil }

  /// The entries of `new` whose address is on `old` too but with another score or source, in
  /// one pass over both sorted lists.
  public static func rescored(from old: AddressList, to new: AddressList) -> [ListedAddress] {
    var changed: [ListedAddress] = []
    var oldIndex = 0
    var newIndex = 0
    let oldEntries = old.entries
    let newEntries = new.entries
    while oldIndex < oldEntries.count && newIndex < newEntries.count {
      let before = oldEntries[oldIndex]
      let after = newEntries[newIndex]
      if before.address < after.address {
        oldIndex += 1
      } else if after.address < before.address {
        newIndex += 1
      } else {
        if before.score != after.score || before.source != after.source { changed.append(after) }
        oldIndex += 1
        newIndex += 1
      }
    }
    return changed
  }
}
