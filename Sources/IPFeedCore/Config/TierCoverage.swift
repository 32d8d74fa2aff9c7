/// Whether the risk tiers cover every score the sources keep.
///
/// A source keeps addresses from its threshold up; with `output.tiers` set, only addresses whose
/// score reaches a tier are on a tier's list (or match a tier's rule in plugin mode). Scores
/// from the lowest threshold up to the lowest tier are kept, looked up and journaled, but raise
/// no alert: a config that does so is valid, and most likely a mistake.
public enum TierCoverage {
  /// The warning for a config whose lowest tier starts above a source's threshold; nil when
  /// there are no tiers or they cover every kept score.
  public static func warning(_ config: Config) -> String? {
    guard let lowestTier = config.output.tiers.map(\.minScore).min() else { return nil }
    let uncovered = config.sources.filter { $0.threshold < lowestTier }
    guard let lowestThreshold = uncovered.map(\.threshold).min() else { return nil }
    let names = uncovered.map { "\($0.name) (threshold \($0.threshold))" }
    let scores =
      lowestThreshold == lowestTier - 1
      ? "score \(lowestThreshold)" : "scores \(lowestThreshold) to \(lowestTier - 1)"
    return "output.tiers: the lowest tier starts at min_score \(lowestTier), above the threshold"
      + " of \(names.joined(separator: ", ")): addresses with \(scores) are kept but on no"
      + " tier, so they raise no alert. Fix: add a tier with min_score \(lowestThreshold), or"
      + " raise the threshold to \(lowestTier)"
  }
}
