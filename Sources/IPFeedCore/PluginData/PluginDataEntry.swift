/// One address in the plugin's data file: what the plugin answers for a connection to or from it.
public struct PluginDataEntry: Sendable, Hashable {
  public var address: IPAddress
  /// The score that listed it (IPsum: the number of blacklists naming it), at most 65,535.
  public var score: Int
  /// The name of the source that gave that score.
  public var source: String
  /// When it was first listed in its current run on the list, in whole seconds since 1970 (UTC).
  public var listedSince: Int64

  public init(address: IPAddress, score: Int, source: String, listedSince: Int64) {
    self.address = address
    self.score = score
    self.source = source
    self.listedSince = listedSince
  }
}
