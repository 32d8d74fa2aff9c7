import IPFeedCore
import PropertyBased

/// Generators for the core's values, shaped to reach the cases that matter: IPv6 addresses with
/// runs of zero groups (where `::` goes), IPv4 addresses, and lists that share addresses.
enum CoreGenerators {
  /// An IPv6 address that is not IPv4-mapped, with each group zero half of the time.
  static let ipv6 = zip(Gen.uint16().array(of: 8), Gen.bool().array(of: 8)).map {
    groups, zeroed in
    var value: UInt128 = 0
    for (group, isZero) in zip(groups, zeroed) {
      value = value << 16 | UInt128(isZero ? 0 : group)
    }
    if value >> 32 == 0xffff { value |= 1 << 127 }  // not a mapped address
    return IPAddress.v6(
      high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value))
  }

  static let ipv4 = Gen.uint32().map { IPAddress.v4($0) }

  static let address = Gen<IPAddress>.oneOf(ipv4, ipv6)

  /// A listed address with a score in IPsum's range.
  static let listed = zip(address, Gen.int(in: 1...10)).map { address, score in
    ListedAddress(address: address, score: score, source: "feed")
  }

  static let list = listed.array(of: 0...200).map { AddressList($0) }

  /// Addresses drawn from a small pool, so that two lists overlap.
  static let overlappingList = Gen.uint32(in: 0...300).array(of: 0...120).map { values in
    AddressList(
      values.map { value in
        let address: IPAddress =
          value.isMultiple(of: 3) ? .v6(high: 0x2001_0db8 << 32, low: UInt64(value)) : .v4(value)
        return ListedAddress(address: address, score: 1, source: "feed")
      })
  }
}
