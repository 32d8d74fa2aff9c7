/// What the state journal says was applied, without the list itself: the sources' stored bodies
/// (with their validators and digests), the number of addresses, and the config they were
/// applied with. A cycle whose sources all deliver what is stored, under the same config, is
/// decided from this alone.
public struct AppliedSummary: Sendable, Hashable {
  public var sources: [String: SourceState]
  public var total: Int
  /// The effective config (`ConfigRenderer.yaml`) of the last applied list; nil when not known.
  public var config: String?

  public init(sources: [String: SourceState] = [:], total: Int = 0, config: String? = nil) {
    self.sources = sources
    self.total = total
    self.config = config
  }
}
