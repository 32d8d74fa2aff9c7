import Testing

@testable import IPFeedCore

@Suite struct RadixSortTests {
  /// Keys drawn from a small range repeat: the order among equal keys shows stability.
  private func randomKeys(count: Int, range: UInt64, seed: UInt64) -> [UInt64] {
    var random = SplitMix64(seed: seed)
    return (0..<count).map { _ in random.next() % range }
  }

  @Test(arguments: [0, 1, 2, 3, 100, 5_000, 70_000])
  func sortsLikeTheStandardSortAndKeepsEqualKeysInOrder(count: Int) {
    // Each element: the key in the high half, its original position in the low half.
    let keys = randomKeys(count: count, range: UInt64(max(count / 4, 1)), seed: UInt64(count))
    var elements = keys.enumerated().map { $0.element << 32 | UInt64($0.offset) }
    let expected = elements.sorted()  // by key, then by position: a stable sort's order
    RadixSort.sort(&elements, keyBits: 32) { UInt32(truncatingIfNeeded: $0 >> 32) }
    #expect(elements == expected)
  }

  @Test func sortsFullWidthKeysWithEveryBitInPlay() {
    var random = SplitMix64(seed: 7)
    var keys = (0..<3_000).map { _ in random.next() }
    keys += [0, .max, .max, 0, 1 << 63]
    var sorted = keys
    RadixSort.sort(&sorted, keyBits: 64) { $0 }
    #expect(sorted == keys.sorted())
  }

  @Test func sorts128BitKeysThatShareTheirTopBits() {
    // IPv6 global unicast shares its top bits: the passes over them move nothing.
    var random = SplitMix64(seed: 11)
    var keys = (0..<2_000).map { _ in
      UInt128(0x2001_0db8) << 96 | UInt128(random.next() % 50) << 64 | UInt128(random.next() % 3)
    }
    keys += [UInt128.max, 0]
    var sorted = keys
    RadixSort.sort(&sorted, keyBits: 128) { $0 }
    #expect(sorted == keys.sorted())
  }

  @Test func allEqualKeysLeaveTheOrderAlone() {
    var elements = (0..<1_000).map { UInt64(42) << 32 | UInt64($0) }
    let original = elements
    RadixSort.sort(&elements, keyBits: 32) { UInt32(truncatingIfNeeded: $0 >> 32) }
    #expect(elements == original)
  }
}
