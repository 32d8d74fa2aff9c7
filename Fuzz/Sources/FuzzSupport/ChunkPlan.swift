/// Deterministic chunk boundaries for an input, so that a found input splits the same way
/// again when it is replayed: the sizes come from a SplitMix64 stream seeded with the input's
/// FNV-1a hash, between 1 and 64 bytes, the sizes a TCP read or a curl write callback brings.
public struct ChunkPlan: Sequence, IteratorProtocol {
  private var state: UInt64
  private var remaining: Int
  private var offset = 0

  public init(for bytes: [UInt8]) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    state = hash
    remaining = bytes.count
  }

  /// The next chunk's range in the input, until the input is used up.
  public mutating func next() -> Range<Int>? {
    guard remaining > 0 else { return nil }
    state &+= 0x9e37_79b9_7f4a_7c15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
    mixed ^= mixed >> 31
    let size = Swift.min(remaining, Int(mixed % 64) + 1)
    defer {
      offset += size
      remaining -= size
    }
    return offset..<(offset + size)
  }
}
