/// One risk tier (`output.tiers[]`): listed addresses with at least `minScore` (and less than the
/// next higher tier's) raise alerts of `priority`.
public struct RiskTier: Sendable, Hashable {
  /// The lowest score in this tier: IPsum's count of blacklists naming the address.
  public var minScore: Int
  public var priority: FalcoPriority

  public init(minScore: Int, priority: FalcoPriority) {
    self.minScore = minScore
    self.priority = priority
  }

  /// The tiers as rules render them: by `minScore`, highest first, each with the score it
  /// stops below (nil for the top tier).
  public static func ranges(of tiers: [RiskTier]) -> [(tier: RiskTier, below: Int?)] {
    let sorted = tiers.sorted { $0.minScore > $1.minScore }
    return sorted.enumerated().map { index, tier in
      (tier, index == 0 ? nil : sorted[index - 1].minScore)
    }
  }
}
