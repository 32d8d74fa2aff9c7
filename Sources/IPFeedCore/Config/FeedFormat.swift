/// The line format of a threat feed.
public enum FeedFormat: String, Sendable, CaseIterable {
  /// IPsum: `ADDRESS<TAB>COUNT`, where COUNT is the number of blacklists that name the address.
  case ipsum
  /// One address per line; every entry counts as 1.
  case plain
}

extension FeedFormat {
  /// The threshold a source of this format gets when its config names none: IPsum's "more than
  /// 5 blacklists" for `ipsum`, and 1 for `plain`, where every entry counts as 1.
  public var defaultThreshold: Int {
    switch self {
    case .ipsum: 6
    case .plain: 1
    }
  }

  /// What is wrong with `threshold` for this format, or nil when it is fine: at least 1, and
  /// exactly 1 for `plain`, where every entry counts as 1.
  public func thresholdProblem(_ threshold: Int) -> String? {
    if self == .plain, threshold != 1 {
      return "with format: plain every address counts as 1, so the threshold must be 1"
    }
    if threshold < 1 {
      return "a threshold must be at least 1"
    }
    return nil
  }
}
