import IPFeedCore

/// A compact binary form of a feed's parsed entries, for the state journal's `source_body`.
///
///     version (1 byte, 1)
///     IPv4 count (varint), then per address ascending: the difference from the previous
///       address (varint; the first from 0), the score (varint)
///     IPv6 count (varint), then per address ascending: 16 bytes big-endian, the score (varint)
///
/// Varints are LEB128 (7 bits a byte, low bits first). Sorted IPv4 addresses are close to each
/// other, so 120,000 IPsum entries take about 3.5 bytes each.
enum FeedEntriesCoding {
  static let version: UInt8 = 1

  static func encode(_ entries: [FeedEntry]) -> [UInt8] {
    let sorted = isSortedUnique(entries) ? entries : sortedUnique(entries)
    var out: [UInt8] = [version]
    out.reserveCapacity(1 + sorted.count * 4)
    var ipv4: [(UInt32, Int)] = []
    var ipv6: [(UInt64, UInt64, Int)] = []
    ipv4.reserveCapacity(sorted.count)
    for entry in sorted {
      switch entry.address {
      case .v4(let value): ipv4.append((value, entry.score))
      case .v6(let high, let low): ipv6.append((high, low, entry.score))
      }
    }
    appendVarint(UInt64(ipv4.count), to: &out)
    var previous: UInt32 = 0
    for (value, score) in ipv4 {
      appendVarint(UInt64(value - previous), to: &out)
      appendVarint(UInt64(max(score, 0)), to: &out)
      previous = value
    }
    appendVarint(UInt64(ipv6.count), to: &out)
    for (high, low, score) in ipv6 {
      for shift in stride(from: 56, through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: high >> UInt64(shift)))
      }
      for shift in stride(from: 56, through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: low >> UInt64(shift)))
      }
      appendVarint(UInt64(max(score, 0)), to: &out)
    }
    return out
  }

  /// The entries, or nil when `bytes` is not a valid encoding.
  static func decode(_ bytes: [UInt8]) -> [FeedEntry]? {
    var reader = Reader(bytes: bytes)
    guard reader.byte() == version, let ipv4Count = reader.varint(), ipv4Count <= bytes.count
    else { return nil }
    var entries: [FeedEntry] = []
    entries.reserveCapacity(Int(ipv4Count))
    var value: UInt64 = 0
    for _ in 0..<ipv4Count {
      guard let delta = reader.varint(), let score = reader.varint(), score <= Int.max
      else { return nil }
      value += delta
      guard value <= UInt32.max else { return nil }
      entries.append(FeedEntry(address: .v4(UInt32(value)), score: Int(score)))
    }
    guard let ipv6Count = reader.varint(), ipv6Count <= bytes.count else { return nil }
    for _ in 0..<ipv6Count {
      guard let high = reader.uint64(), let low = reader.uint64(), let score = reader.varint(),
        score <= Int.max
      else { return nil }
      entries.append(FeedEntry(address: .v6(high: high, low: low), score: Int(score)))
    }
    guard reader.atEnd, isSortedUnique(entries) else { return nil }
    return entries
  }

  private static func isSortedUnique(_ entries: [FeedEntry]) -> Bool {
    var index = 1
    while index < entries.count {
      guard entries[index - 1].address < entries[index].address else { return false }
      index += 1
    }
    return true
  }

  private static func sortedUnique(_ entries: [FeedEntry]) -> [FeedEntry] {
    let sorted = entries.sorted { lhs, rhs in
      lhs.address != rhs.address ? lhs.address < rhs.address : lhs.score > rhs.score
    }
    var unique: [FeedEntry] = []
    for entry in sorted where unique.last?.address != entry.address { unique.append(entry) }
    return unique
  }

  private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var rest = value
    while rest >= 0x80 {
      out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    out.append(UInt8(rest))
  }

  private struct Reader {
    let bytes: [UInt8]
    var offset = 0

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
      guard offset < bytes.count else { return nil }
      defer { offset += 1 }
      return bytes[offset]
    }

    mutating func varint() -> UInt64? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while let byte = byte() {
        guard shift < 64 else { return nil }
        value |= UInt64(byte & 0x7f) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
      return nil
    }

    mutating func uint64() -> UInt64? {
      guard offset + 8 <= bytes.count else { return nil }
      var value: UInt64 = 0
      for index in offset..<(offset + 8) { value = value << 8 | UInt64(bytes[index]) }
      offset += 8
      return value
    }
  }
}
