/// Turns parsed feeds into the list: per-source threshold, union of sources, minus the
/// always-excluded special ranges and the config's exclusions.
public struct ListPolicy: Sendable, Hashable {
  /// One source's contribution: its parsed feed and the minimum score it needs.
  public struct Input: Sendable, Hashable {
    public var feed: ParsedFeed
    public var threshold: Int

    public init(feed: ParsedFeed, threshold: Int) {
      self.feed = feed
      self.threshold = threshold
    }
  }

  public struct Outcome: Sendable, Hashable {
    public var list: AddressList
    public var exclusions: ExclusionReport
  }

  public var exclusions: [AddressPrefix]

  public init(exclusions: [AddressPrefix] = []) {
    self.exclusions = exclusions
  }

  /// `inputs` in config order: on equal scores the earlier source is named.
  public func apply(_ inputs: [Input]) -> Outcome {
    var report = ExclusionReport()
    var kept: [(entry: ListedAddress, order: Int)] = []
    kept.reserveCapacity(inputs.reduce(0) { $0 + $1.feed.entries.count })
    for (order, input) in inputs.enumerated() {
      let source = input.feed.source
      var belowThreshold = 0
      for entry in input.feed.entries {
        if entry.score < input.threshold {
          belowThreshold += 1
        } else if let special = SpecialAddressRanges.range(containing: entry.address) {
          report.specialRanges[special.prefix, default: 0] += 1
        } else if let prefix = exclusions.first(where: { $0.contains(entry.address) }) {
          report.configured[prefix, default: 0] += 1
        } else {
          kept.append(
            (ListedAddress(address: entry.address, score: entry.score, source: source), order))
        }
      }
      report.belowThreshold[source] = belowThreshold
    }
    kept.sort { lhs, rhs in
      if lhs.entry.address != rhs.entry.address { return lhs.entry.address < rhs.entry.address }
      if lhs.entry.score != rhs.entry.score { return lhs.entry.score > rhs.entry.score }
      return lhs.order < rhs.order
    }
    var unique: [ListedAddress] = []
    unique.reserveCapacity(kept.count)
    for item in kept where unique.last?.address != item.entry.address {
      unique.append(item.entry)
    }
    return Outcome(list: AddressList(sortedUniqueEntries: unique), exclusions: report)
  }
}
