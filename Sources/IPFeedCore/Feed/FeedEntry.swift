/// One address a feed names, with its score: for IPsum the number of blacklists that name it,
/// for plain lists always 1.
public struct FeedEntry: Sendable, Hashable {
  public var address: IPAddress
  public var score: Int

  public init(address: IPAddress, score: Int) {
    self.address = address
    self.score = score
  }
}
