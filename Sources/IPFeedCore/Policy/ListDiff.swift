/// What changes between the applied list and a new one.
public struct ListDiff: Sendable, Hashable {
  public var added: [ListedAddress]
  /// The removed entries as they were on the old list.
  public var removed: [ListedAddress]

  public init(added: [ListedAddress] = [], removed: [ListedAddress] = []) {
    self.added = added
    self.removed = removed
  }

  public var isEmpty: Bool { added.isEmpty && removed.isEmpty }

  /// One pass over both sorted lists.
  public init(from old: AddressList, to new: AddressList) {
    var added: [ListedAddress] = []
    var removed: [ListedAddress] = []
    var oldIndex = 0
    var newIndex = 0
    let oldEntries = old.entries
    let newEntries = new.entries
    while oldIndex < oldEntries.count || newIndex < newEntries.count {
      if newIndex == newEntries.count
        || (oldIndex < oldEntries.count
          && oldEntries[oldIndex].address < newEntries[newIndex].address)
      {
        removed.append(oldEntries[oldIndex])
        oldIndex += 1
      } else if oldIndex == oldEntries.count
        || newEntries[newIndex].address < oldEntries[oldIndex].address
      {
        added.append(newEntries[newIndex])
        newIndex += 1
      } else {
        oldIndex += 1
        newIndex += 1
      }
    }
    self.init(added: added, removed: removed)
  }
}
