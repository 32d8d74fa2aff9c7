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
    var merged: [ListedAddress] = []
    for input in inputs {
      let kept = keptEntries(of: input, report: &report)
      merged = merged.isEmpty ? kept : Self.merge(merged, kept)
    }
    return Outcome(list: AddressList(sortedUniqueEntries: merged), exclusions: report)
  }

  /// The entries of one source that pass its threshold and the exclusions, still sorted.
  private func keptEntries(of input: Input, report: inout ExclusionReport) -> [ListedAddress] {
    let source = input.feed.source
    let entries = input.feed.entries
    var kept: [ListedAddress] = []
    var belowThreshold = 0
    // Into room reserved once for every entry: no check of the array's capacity and uniqueness
    // per entry.
    kept.append(addingCapacity: entries.count) { kept in
      for index in entries.indices {
        let entry = entries[index]
        if entry.score < input.threshold {
          belowThreshold += 1
        } else if let special = SpecialAddressRanges.range(containing: entry.address) {
          report.specialRanges[special.prefix, default: 0] += 1
        } else if let prefix = exclusions.first(where: { $0.contains(entry.address) }) {
          report.configured[prefix, default: 0] += 1
        } else {
          kept.append(ListedAddress(address: entry.address, score: entry.score, source: source))
        }
      }
    }
    report.belowThreshold[source] = belowThreshold
    return kept
  }

  /// Merges two sorted lists of unique addresses; on a common address keeps the higher score,
  /// and `earlier`'s entry on a tie.
  static func merge(_ earlier: [ListedAddress], _ later: [ListedAddress]) -> [ListedAddress] {
    var merged: [ListedAddress] = []
    merged.reserveCapacity(earlier.count + later.count)
    var left = 0
    var right = 0
    while left < earlier.count && right < later.count {
      let lhs = earlier[left]
      let rhs = later[right]
      if lhs.address < rhs.address {
        merged.append(lhs)
        left += 1
      } else if rhs.address < lhs.address {
        merged.append(rhs)
        right += 1
      } else {
        merged.append(rhs.score > lhs.score ? rhs : lhs)
        left += 1
        right += 1
      }
    }
    merged.append(contentsOf: earlier[left...])
    merged.append(contentsOf: later[right...])
    return merged
  }
}
