/// A special-purpose address block and why it is special.
public struct SpecialAddressRange: Sendable, Hashable {
  public let prefix: AddressPrefix
  /// What the block is for, e.g. `private-use (RFC 1918)`.
  public let purpose: String

  public init(prefix: AddressPrefix, purpose: String) {
    self.prefix = prefix
    self.purpose = purpose
  }
}

/// The special-purpose address blocks (IANA registries, RFC 6890) that are never listed.
public enum SpecialAddressRanges {
  /// Never listed, whatever the feed says.
  public static let alwaysExcluded: [SpecialAddressRange] = [
    special("0.0.0.0/8", "this network (RFC 791)"),
    special("10.0.0.0/8", "private-use (RFC 1918)"),
    special("100.64.0.0/10", "shared address space (RFC 6598)"),
    special("127.0.0.0/8", "loopback (RFC 1122)"),
    special("169.254.0.0/16", "link-local (RFC 3927)"),
    special("172.16.0.0/12", "private-use (RFC 1918)"),
    special("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
    special("192.0.2.0/24", "documentation TEST-NET-1 (RFC 5737)"),
    special("192.168.0.0/16", "private-use (RFC 1918)"),
    special("198.18.0.0/15", "benchmarking (RFC 2544)"),
    special("198.51.100.0/24", "documentation TEST-NET-2 (RFC 5737)"),
    special("203.0.113.0/24", "documentation TEST-NET-3 (RFC 5737)"),
    special("224.0.0.0/4", "multicast (RFC 5771)"),
    special("240.0.0.0/4", "reserved (RFC 1112), includes broadcast 255.255.255.255"),
    special("::/128", "unspecified (RFC 4291)"),
    special("::1/128", "loopback (RFC 4291)"),
    special("fc00::/7", "unique local (RFC 4193)"),
    special("fe80::/10", "link-local (RFC 4291)"),
    special("ff00::/8", "multicast (RFC 4291)"),
    special("2001:db8::/32", "documentation (RFC 3849)"),
  ]

  /// The first always-excluded range that holds the address, or nil.
  public static func range(containing address: IPAddress) -> SpecialAddressRange? {
    switch address {
    case .v4(let value):
      // Most addresses start with an octet no special range covers: one table look-up.
      guard ipv4FirstOctets[Int(value >> 24)] else { return nil }
      for entry in ipv4Table where value & entry.mask == entry.network {
        return alwaysExcluded[entry.index]
      }
    case .v6:
      let value = address.v6Value
      for entry in ipv6Table where value & entry.mask == entry.network {
        return alwaysExcluded[entry.index]
      }
    }
    return nil
  }

  // MARK: - Lookup tables: the same ranges as integer masks, per family, in order

  private struct Entry<Value: FixedWidthInteger & Sendable>: Sendable {
    let network: Value
    let mask: Value
    let index: Int
  }

  private static let ipv4Table: [Entry<UInt32>] = alwaysExcluded.indices.compactMap { index in
    let prefix = alwaysExcluded[index].prefix
    guard case .v4(let network) = prefix.network else { return nil }
    return Entry(network: network, mask: AddressPrefix.mask32(prefix.length), index: index)
  }

  /// Whether an IPv4 special range covers any address with this first octet.
  private static let ipv4FirstOctets: [Bool] = {
    var covered = [Bool](repeating: false, count: 256)
    for entry in ipv4Table {
      let first = Int(entry.network >> 24)
      let octets = 1 << max(0, 8 - entry.mask.nonzeroBitCount)
      for octet in first..<min(256, first + octets) { covered[octet] = true }
    }
    return covered
  }()

  private static let ipv6Table: [Entry<UInt128>] = alwaysExcluded.indices.compactMap { index in
    let prefix = alwaysExcluded[index].prefix
    guard case .v6 = prefix.network else { return nil }
    return Entry(
      network: prefix.network.v6Value, mask: AddressPrefix.mask128(prefix.length), index: index)
  }

  private static func special(_ text: String, _ purpose: String) -> SpecialAddressRange {
    // The literals above are checked by the tests; a typo fails the first use loudly.
    SpecialAddressRange(prefix: try! AddressPrefix(parsing: text), purpose: purpose)
  }
}
