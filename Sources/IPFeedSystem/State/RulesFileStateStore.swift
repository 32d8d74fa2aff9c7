import IPFeedCore

/// A state store that knows only the rules file: the applied list is what the file holds, and
/// nothing else is remembered between runs (no validators, no last good bodies).
public struct RulesFileStateStore: StateStore {
  public let path: String
  public let listName: String

  public init(path: String, listName: String) {
    self.path = path
    self.listName = listName
  }

  public func load() throws -> AppliedState {
    guard let contents = try FileSystem.readFile(path),
      let addresses = FalcoRulesFileReader.addresses(in: contents, listName: listName)
    else { return AppliedState() }
    // The file keeps addresses only; scores and sources are not known here.
    return AppliedState(
      list: AddressList(addresses.map { ListedAddress(address: $0, score: 0, source: "") }))
  }

  public func commit(_ commit: CycleCommit) throws {}
}
