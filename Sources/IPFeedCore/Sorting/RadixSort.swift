/// A stable least-significant-digit radix sort over fixed-width integer keys, for the arrays of
/// addresses that a feed of a million lines yields: a few linear passes of 11 bits each instead
/// of the comparisons, calls and branch misses of a comparison sort.
///
/// One read of the elements counts the digits of every pass; each pass then moves every element
/// once into a second array of the same size. A pass in which all keys share the digit moves
/// nothing and is skipped (the top bits of IPv6 global unicast, for instance).
enum RadixSort {
  static let digitBits = 11
  private static let bucketCount = 1 << digitBits

  /// Sorts `elements` by `key`, keeping the order of elements with equal keys. Only the lowest
  /// `keyBits` bits of a key count; the bits above must be zero.
  static func sort<Element, Key: FixedWidthInteger & UnsignedInteger>(
    _ elements: inout [Element], keyBits: Int, by key: (Element) -> Key
  ) {
    let count = elements.count
    guard count > 1 else { return }
    let passes = (keyBits + digitBits - 1) / digitBits
    let counts = digitCounts(elements, passes: passes, by: key)
    var scratch = elements
    var offsets = [Int](repeating: 0, count: bucketCount)
    for pass in 0..<passes {
      let shift = pass * digitBits
      let base = pass * bucketCount
      guard counts[base + digit(key(elements[0]), shift: shift)] != count else { continue }
      var running = 0
      for bucket in 0..<bucketCount {
        offsets[bucket] = running
        running += counts[base + bucket]
      }
      scatter(elements.span, into: scratch.mutableSpan, offsets: offsets.mutableSpan) {
        digit(key($0), shift: shift)
      }
      swap(&elements, &scratch)
    }
  }

  /// Moves each element of `source` to the next free place of its bucket in `destination`.
  private static func scatter<Element>(
    _ source: Span<Element>, into destination: consuming MutableSpan<Element>,
    offsets: consuming MutableSpan<Int>, bucket: (Element) -> Int
  ) {
    for index in source.indices {
      let element = source[index]
      let slot = bucket(element)
      destination[offsets[slot]] = element
      offsets[slot] += 1
    }
  }

  /// For each pass, how many keys have each digit: `passes` tables of `bucketCount`, in one.
  private static func digitCounts<Element, Key: FixedWidthInteger & UnsignedInteger>(
    _ elements: [Element], passes: Int, by key: (Element) -> Key
  ) -> [Int] {
    var counts = [Int](repeating: 0, count: passes * bucketCount)
    var table = counts.mutableSpan
    let source = elements.span
    for index in source.indices {
      let value = key(source[index])
      for pass in 0..<passes {
        table[pass * bucketCount + digit(value, shift: pass * digitBits)] += 1
      }
    }
    return counts
  }

  private static func digit<Key: FixedWidthInteger & UnsignedInteger>(
    _ key: Key, shift: Int
  ) -> Int {
    Int(truncatingIfNeeded: key >> shift) & (bucketCount - 1)
  }
}
