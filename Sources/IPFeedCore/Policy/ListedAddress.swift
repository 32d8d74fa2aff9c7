/// An address on the applied list, with the score and source that put it there.
public struct ListedAddress: Sendable, Hashable {
  public var address: IPAddress
  /// The highest score any source gave it (IPsum: the number of blacklists naming it).
  public var score: Int
  /// The source that gave that score (the first in config order on a tie).
  public var source: String

  public init(address: IPAddress, score: Int, source: String) {
    self.address = address
    self.score = score
    self.source = source
  }
}
