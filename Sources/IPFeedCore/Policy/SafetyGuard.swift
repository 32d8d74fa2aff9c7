/// Holds an update that looks like a broken feed rather than a real change: one that removes
/// too much of the list at once, or leaves it nearly empty.
public struct SafetyGuard: Sendable, Hashable {
  public var maxRemovedPercent: Int
  public var minEntries: Int

  public init(maxRemovedPercent: Int, minEntries: Int) {
    self.maxRemovedPercent = maxRemovedPercent
    self.minEntries = minEntries
  }

  /// Why the update from a list of `previousCount` entries by `diff` must be held, or nil.
  public func hold(previousCount: Int, diff: ListDiff) -> SafetyHold? {
    let newCount = previousCount - diff.removed.count + diff.added.count
    if previousCount > 0, diff.removed.count * 100 > previousCount * maxRemovedPercent {
      return SafetyHold(
        reason: .tooManyRemoved(
          removed: diff.removed.count, of: previousCount, limitPercent: maxRemovedPercent),
        newCount: newCount)
    }
    if newCount < minEntries {
      return SafetyHold(reason: .tooFewEntries(minEntries: minEntries), newCount: newCount)
    }
    return nil
  }
}
