import IPFeedCore
import Testing

/// A warning when the lowest risk tier starts above a source's threshold.
@Suite struct TierCoverageTests {
  private func config(tiers: [Int], thresholds: [Int]) throws -> Config {
    var config = Config.defaults
    config.sources = try thresholds.enumerated().map { index, threshold in
      SourceConfig(
        name: "feed\(index)", url: try FeedURL(parsing: "https://feeds.example/\(index).txt"),
        threshold: threshold)
    }
    config.output.tiers = tiers.map { RiskTier(minScore: $0, priority: .warning) }
    return config
  }

  @Test func noTiersOrCoveredScoresGiveNoWarning() throws {
    #expect(TierCoverage.warning(try config(tiers: [], thresholds: [1])) == nil)
    #expect(TierCoverage.warning(try config(tiers: [8, 3], thresholds: [3, 6])) == nil)
    #expect(TierCoverage.warning(try config(tiers: [2], thresholds: [2, 5])) == nil)
  }

  @Test func aGapNamesTheSourcesTheScoresAndTheFix() throws {
    let warning = TierCoverage.warning(try config(tiers: [8, 5], thresholds: [3, 5, 4]))
    #expect(
      warning
        == "output.tiers: the lowest tier starts at min_score 5, above the threshold of feed0"
        + " (threshold 3), feed2 (threshold 4): addresses with scores 3 to 4 are kept but on no"
        + " tier, so they raise no alert. Fix: add a tier with min_score 3, or raise the"
        + " threshold to 5")
  }

  @Test func aGapOfOneScoreSaysSo() throws {
    let warning = try #require(TierCoverage.warning(try config(tiers: [3], thresholds: [2])))
    #expect(warning.contains("addresses with score 2 are kept"), "\(warning)")
  }
}
