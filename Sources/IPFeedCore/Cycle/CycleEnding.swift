/// How a cycle ended, as the state journal records it for `status`.
public enum CycleEnding: Sendable, Hashable {
  /// The list changed and was written.
  case applied
  /// The list is the same but the file was written again (its rendering changed).
  case rewritten
  /// Nothing was written.
  case unchanged
  /// The safety guard held the update: nothing was written.
  case held(String)
  /// No source had any data.
  case noData
  /// The cycle stopped on an error (`CycleError`).
  case failed(String)

  /// One word: "applied", "rewritten", "unchanged", "held", "no_data", "failed".
  public var code: String {
    switch self {
    case .applied: "applied"
    case .rewritten: "rewritten"
    case .unchanged: "unchanged"
    case .held: "held"
    case .noData: "no_data"
    case .failed: "failed"
    }
  }

  /// The reason for a hold or a failure.
  public var detail: String? {
    switch self {
    case .held(let reason), .failed(let reason): reason
    case .applied, .rewritten, .unchanged, .noData: nil
    }
  }
}
