/// The data file that the daemon writes in plugin mode and the Falco plugin reads: the listed
/// addresses with score, source and time listed, in a binary form that loads in milliseconds.
///
/// The layout is in `docs/plugin-data-format.md`. Same generation and entries give the same bytes.
/// Decoding is all or nothing: a file that breaks any rule of the format is refused whole.
public struct PluginDataFile: Sendable, Hashable {
  /// `IPFDATA` and a NUL byte.
  public static let magic: [UInt8] = [0x49, 0x50, 0x46, 0x44, 0x41, 0x54, 0x41, 0x00]
  public static let formatVersion: UInt16 = 1
  public static let headerSize = 64
  /// 256 MiB: about 16 million IPv4 addresses, far above any feed, small enough to read at once.
  public static let maximumFileSize = 256 << 20
  static let ipv4RecordSize = 16
  static let ipv6RecordSize = 28

  /// The change id of the list: the state journal's id of the change that produced it.
  public let generation: UInt64
  /// Source names, sorted by their bytes; records refer to them by index.
  public let sources: [String]
  let ipv4Addresses: [UInt32]
  let ipv4Attributes: [Attributes]
  let ipv6Addresses: [UInt128]
  let ipv6Attributes: [Attributes]

  /// What a record says of its address besides the address.
  struct Attributes: Sendable, Hashable {
    var score: UInt16
    var source: UInt16
    var listedSince: Int64
  }

  public static let empty = PluginDataFile(generation: 0, entries: [])

  /// Sorts `entries` by address and keeps one per address (the highest score). Scores are
  /// clamped to 0...65,535. At most 65,536 distinct source names.
  public init(generation: UInt64, entries: [PluginDataEntry]) {
    let sorted = entries.sorted { lhs, rhs in
      lhs.address != rhs.address ? lhs.address < rhs.address : lhs.score > rhs.score
    }
    var unique: [PluginDataEntry] = []
    unique.reserveCapacity(sorted.count)
    for entry in sorted where unique.last?.address != entry.address { unique.append(entry) }
    self.init(generation: generation, sortedUniqueEntries: unique)
  }

  /// The daemon's applied list, each address with the time it was listed since. The list is
  /// sorted and unique already: its entries go straight into the records, with no sort.
  public init(
    generation: UInt64, list: AddressList, listedSince: (ListedAddress) -> Int64
  ) {
    let entries = list.entries
    var ipv4Addresses: [UInt32] = []
    var ipv4Attributes: [Attributes] = []
    var ipv6Addresses: [UInt128] = []
    var ipv6Attributes: [Attributes] = []
    ipv4Addresses.reserveCapacity(entries.count)
    ipv4Attributes.reserveCapacity(entries.count)
    var sourceIndex = SourceIndex(entries.indices.lazy.map { entries[$0].source })
    for index in entries.indices {
      let attributes = Attributes(
        score: UInt16(clamping: entries[index].score),
        source: sourceIndex.index(of: entries[index].source),
        listedSince: listedSince(entries[index]))
      switch entries[index].address {
      case .v4(let value):
        ipv4Addresses.append(value)
        ipv4Attributes.append(attributes)
      case .v6:
        ipv6Addresses.append(entries[index].address.v6Value)
        ipv6Attributes.append(attributes)
      }
    }
    self.init(
      generation: generation, sources: sourceIndex.names, ipv4Addresses: ipv4Addresses,
      ipv4Attributes: ipv4Attributes, ipv6Addresses: ipv6Addresses, ipv6Attributes: ipv6Attributes)
  }

  private init(generation: UInt64, sortedUniqueEntries entries: [PluginDataEntry]) {
    var sourceIndex = SourceIndex(entries.lazy.map(\.source))
    var ipv4Addresses: [UInt32] = []
    var ipv4Attributes: [Attributes] = []
    var ipv6Addresses: [UInt128] = []
    var ipv6Attributes: [Attributes] = []
    for entry in entries {
      let attributes = Attributes(
        score: UInt16(clamping: entry.score), source: sourceIndex.index(of: entry.source),
        listedSince: entry.listedSince)
      switch entry.address {
      case .v4(let value):
        ipv4Addresses.append(value)
        ipv4Attributes.append(attributes)
      case .v6:
        ipv6Addresses.append(entry.address.v6Value)
        ipv6Attributes.append(attributes)
      }
    }
    self.init(
      generation: generation, sources: sourceIndex.names, ipv4Addresses: ipv4Addresses,
      ipv4Attributes: ipv4Attributes, ipv6Addresses: ipv6Addresses, ipv6Attributes: ipv6Attributes)
  }

  /// The sorted source names of a list and each name's index. A list has a few names over many
  /// entries, and runs of entries share one: the last name asked for is remembered, so that
  /// most entries cost one string comparison (of the same storage) and no hashing.
  private struct SourceIndex {
    let names: [String]
    private let indexes: [String: UInt16]
    private var lastName: String?
    private var lastIndex: UInt16 = 0

    init(_ sources: some Sequence<String>) {
      var seen = Set<String>()
      var last: String?
      for name in sources where name != last {
        seen.insert(name)
        last = name
      }
      // By their bytes, as the format (and its reader) wants; String order is Unicode's.
      names = seen.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      precondition(names.count <= 1 << 16, "a data file holds at most 65,536 source names")
      var indexes: [String: UInt16] = [:]
      for (index, name) in names.enumerated() { indexes[name] = UInt16(index) }
      self.indexes = indexes
    }

    mutating func index(of name: String) -> UInt16 {
      if name != lastName {
        lastName = name
        lastIndex = indexes[name]!
      }
      return lastIndex
    }
  }

  init(
    generation: UInt64, sources: [String], ipv4Addresses: [UInt32], ipv4Attributes: [Attributes],
    ipv6Addresses: [UInt128], ipv6Attributes: [Attributes]
  ) {
    self.generation = generation
    self.sources = sources
    self.ipv4Addresses = ipv4Addresses
    self.ipv4Attributes = ipv4Attributes
    self.ipv6Addresses = ipv6Addresses
    self.ipv6Attributes = ipv6Attributes
  }

  public var count: Int { ipv4Addresses.count + ipv6Addresses.count }
  public var ipv4Count: Int { ipv4Addresses.count }
  public var ipv6Count: Int { ipv6Addresses.count }
  public var isEmpty: Bool { count == 0 }

  /// Every entry, in address order (IPv4 first).
  public var entries: [PluginDataEntry] {
    ipv4Addresses.indices.map { entry(.v4(ipv4Addresses[$0]), ipv4Attributes[$0]) }
      + ipv6Addresses.indices.map { entry(IPAddress(v6: ipv6Addresses[$0]), ipv6Attributes[$0]) }
  }

  /// The entry for `address`, by binary search over the sorted addresses of its family.
  public func lookup(_ address: IPAddress) -> PluginDataEntry? {
    switch address {
    case .v4(let value):
      return lookup(ipv4: value)
    case .v6:
      return lookup(ipv6: address.v6Value)
    }
  }

  /// The entry for an IPv4 address given as its 32-bit value.
  public func lookup(ipv4 value: UInt32) -> PluginDataEntry? {
    Self.position(of: value, in: ipv4Addresses).map { entry(.v4(value), ipv4Attributes[$0]) }
  }

  /// The entry for an IPv6 address given as its 128-bit value; an IPv4-mapped value is looked up
  /// as the IPv4 address it stands for.
  public func lookup(ipv6 value: UInt128) -> PluginDataEntry? {
    if value >> 32 == 0xffff { return lookup(ipv4: UInt32(truncatingIfNeeded: value)) }
    return Self.position(of: value, in: ipv6Addresses).map {
      entry(IPAddress(v6: value), ipv6Attributes[$0])
    }
  }

  private func entry(_ address: IPAddress, _ attributes: Attributes) -> PluginDataEntry {
    PluginDataEntry(
      address: address, score: Int(attributes.score), source: sources[Int(attributes.source)],
      listedSince: attributes.listedSince)
  }

  private static func position<Value: Comparable>(of value: Value, in sorted: [Value]) -> Int? {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low < sorted.count && sorted[low] == value ? low : nil
  }
}
