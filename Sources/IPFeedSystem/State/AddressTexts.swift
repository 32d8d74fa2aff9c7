import IPFeedCore

/// The canonical texts of some addresses, as the journal's tables store them, in one buffer,
/// with the order of those texts: the order of the tables' keys (SQLite compares TEXT bytewise).
/// Inserting rows in that order walks each table's b-tree once from left to right, filling
/// pages in turn instead of splitting them all over the tree; the list's own order (numeric)
/// would not.
struct AddressTexts {
  private var bytes: [UInt8] = []
  /// Text `i` is `bytes[ends[i - 1]..<ends[i]]` (from 0 for the first).
  private var ends: [Int32] = []
  /// Indices of the addresses, by their text.
  private(set) var order: [Int] = []

  init(_ addresses: some Collection<IPAddress>) {
    bytes.reserveCapacity(addresses.count * 16)
    ends.reserveCapacity(addresses.count)
    // IPv4 addresses by a key of their octets' ranks, IPv6 ones by their text.
    var ipv4: [UInt64] = []
    ipv4.reserveCapacity(addresses.count)
    var ipv6: [Int] = []
    for (index, address) in addresses.enumerated() {
      address.appendText(to: &bytes)
      ends.append(Int32(bytes.count))
      switch address {
      case .v4(let value): ipv4.append(UInt64(Self.textRank(of: value)) << 32 | UInt64(index))
      case .v6: ipv6.append(index)
      }
    }
    ipv4.sort()
    order = merged(ipv4.map { Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }, sortedByText(ipv6))
  }

  var count: Int { ends.count }

  /// Calls `body` with the text of address `index`.
  func withText<Result>(_ index: Int, _ body: (Span<UInt8>) throws -> Result) rethrows -> Result {
    try body(bytes.span.extracting(range(index)))
  }

  private func range(_ index: Int) -> Range<Int> {
    (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
  }

  /// Where each octet's decimal text falls among the 256 (0, 1, 10, 100, 101, …, 99).
  private static let octetRanks: [UInt8] = {
    var ranks = [UInt8](repeating: 0, count: 256)
    for (rank, octet) in (0...255).sorted(by: { String($0) < String($1) }).enumerated() {
      ranks[octet] = UInt8(rank)
    }
    return ranks
  }()

  /// A key that sorts IPv4 addresses as their texts do: the texts compare octet by octet, and
  /// a shorter octet text that is the start of a longer one sorts first either way (the "."
  /// after it, or the end, is below every digit).
  private static func textRank(of address: UInt32) -> UInt32 {
    var key: UInt32 = 0
    for shift in stride(from: 24, through: 0, by: -8) {
      key = key << 8 | UInt32(octetRanks[Int(address >> UInt32(shift) & 0xFF)])
    }
    return key
  }

  /// `indices` by text. Each text's first 16 bytes, big-endian and padded with zeros, make a
  /// key that sorts as the text does (no text holds a zero byte); texts with the same key are
  /// ordered by their remaining bytes.
  private func sortedByText(_ indices: [Int]) -> [Int] {
    var keyed: [(key: UInt128, index: Int)] = []
    keyed.reserveCapacity(indices.count)
    for index in indices {
      var key: UInt128 = 0
      let text = range(index)
      for offset in 0..<16 {
        let position = text.lowerBound + offset
        key = key << 8 | UInt128(position < text.upperBound ? bytes[position] : 0)
      }
      keyed.append((key, index))
    }
    keyed.sort { lhs, rhs in
      lhs.key != rhs.key ? lhs.key < rhs.key : precedes(range(lhs.index), range(rhs.index))
    }
    return keyed.map(\.index)
  }

  /// Two lists of indices, each in text order, merged into one.
  private func merged(_ first: [Int], _ second: [Int]) -> [Int] {
    guard !second.isEmpty else { return first }
    var result: [Int] = []
    result.reserveCapacity(first.count + second.count)
    var left = 0
    var right = 0
    while left < first.count || right < second.count {
      if right == second.count
        || (left < first.count && precedes(range(first[left]), range(second[right])))
      {
        result.append(first[left])
        left += 1
      } else {
        result.append(second[right])
        right += 1
      }
    }
    return result
  }

  /// Whether the text at `lhs` sorts before the one at `rhs`: the first differing byte decides,
  /// else the shorter.
  private func precedes(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
    var left = lhs.lowerBound
    var right = rhs.lowerBound
    while left < lhs.upperBound && right < rhs.upperBound {
      if bytes[left] != bytes[right] { return bytes[left] < bytes[right] }
      left += 1
      right += 1
    }
    return left == lhs.upperBound && right < rhs.upperBound
  }
}
