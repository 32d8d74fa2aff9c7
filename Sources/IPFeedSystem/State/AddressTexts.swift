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
    for address in addresses {
      address.appendText(to: &bytes)
      ends.append(Int32(bytes.count))
    }
    order = sortedByText()
  }

  var count: Int { ends.count }

  /// Calls `body` with the text of address `index`.
  func withText<Result>(_ index: Int, _ body: (Span<UInt8>) throws -> Result) rethrows -> Result {
    try body(bytes.span.extracting(range(index)))
  }

  private func range(_ index: Int) -> Range<Int> {
    (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
  }

  /// The indices by text. Each text's first 16 bytes, big-endian and padded with zeros, make a
  /// key that sorts as the text does (no text holds a zero byte); IPv4 texts fit whole, longer
  /// IPv6 ones with the same key are ordered by their remaining bytes.
  private func sortedByText() -> [Int] {
    var keyed: [(key: UInt128, index: Int)] = []
    keyed.reserveCapacity(count)
    for index in 0..<count {
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
