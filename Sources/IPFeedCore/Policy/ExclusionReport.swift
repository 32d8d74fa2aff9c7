/// What the policy left out, counted per reason, so that the log can say why an address a
/// feed names is not on the list.
public struct ExclusionReport: Sendable, Hashable {
  /// Per source: entries whose score was below the source's threshold.
  public var belowThreshold: [String: Int] = [:]
  /// Per always-excluded special range (loopback, private-use, documentation, …).
  public var specialRanges: [AddressPrefix: Int] = [:]
  /// Per prefix of the config's `exclude`.
  public var configured: [AddressPrefix: Int] = [:]

  public init() {}

  public var specialRangeTotal: Int { specialRanges.values.reduce(0, +) }
  public var configuredTotal: Int { configured.values.reduce(0, +) }
  public var belowThresholdTotal: Int { belowThreshold.values.reduce(0, +) }
}
