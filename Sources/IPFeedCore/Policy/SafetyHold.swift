/// An update the safety guard held: nothing was applied.
public struct SafetyHold: Sendable, Hashable, CustomStringConvertible {
  public enum Reason: Sendable, Hashable {
    case tooManyRemoved(removed: Int, of: Int, limitPercent: Int)
    case tooFewEntries(minEntries: Int)
  }

  public var reason: Reason
  public var newCount: Int

  public var description: String {
    switch reason {
    case .tooManyRemoved(let removed, let previous, let limit):
      let percent = Double(removed) * 100 / Double(previous)
      let shown = (percent * 10).rounded() / 10
      return "update held by the safety guard: it would remove \(removed) of \(previous)"
        + " addresses (\(shown)%), more than safety.max_removed_percent (\(limit))."
        + " The applied list stays. If the feed really shrank, run `falco-ipfeed once --force`"
        + " once, or raise safety.max_removed_percent"
    case .tooFewEntries(let minimum):
      return "update held by the safety guard: it would leave \(newCount) addresses, fewer"
        + " than safety.min_entries (\(minimum)). The applied list stays. If that is right,"
        + " run `falco-ipfeed once --force` once, or lower safety.min_entries"
    }
  }

  /// A few words for a status line: "would remove 60% (limit 50%)".
  public var shortText: String {
    switch reason {
    case .tooManyRemoved(let removed, let previous, let limit):
      "would remove \(removed * 100 / max(previous, 1))% of the list (limit \(limit)%)"
    case .tooFewEntries(let minimum):
      "would leave \(newCount) addresses (minimum \(minimum))"
    }
  }
}
