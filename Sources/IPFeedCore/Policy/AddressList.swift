/// The list Falco gets: sorted by address (IPv4 first, numerically), one entry per address.
public struct AddressList: Sendable, Hashable {
  public private(set) var entries: [ListedAddress]

  public static let empty = AddressList(sortedUniqueEntries: [])

  /// `entries` must already be sorted by address without repeats.
  public init(sortedUniqueEntries entries: [ListedAddress]) {
    self.entries = entries
  }

  /// Sorts and removes repeats, keeping the highest score.
  public init(_ entries: [ListedAddress]) {
    let sorted = entries.sorted { lhs, rhs in
      lhs.address != rhs.address ? lhs.address < rhs.address : lhs.score > rhs.score
    }
    var unique: [ListedAddress] = []
    unique.reserveCapacity(sorted.count)
    for entry in sorted where unique.last?.address != entry.address {
      unique.append(entry)
    }
    self.entries = unique
  }

  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }
  public var addresses: [IPAddress] { entries.map(\.address) }

  /// The entry for `address`, by binary search.
  public func entry(for address: IPAddress) -> ListedAddress? {
    var low = 0
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if entries[middle].address < address { low = middle + 1 } else { high = middle }
    }
    return low < entries.count && entries[low].address == address ? entries[low] : nil
  }
}
