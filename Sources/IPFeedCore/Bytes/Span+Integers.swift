extension Span where Element == UInt8 {
  /// The integer stored at `offset`, least significant byte first. The caller has checked that
  /// the bytes are there; indexing traps otherwise, as a bounds failure should.
  func littleEndian<Value: FixedWidthInteger>(at offset: Int) -> Value {
    var value: Value = 0
    for index in 0..<Value.bitWidth / 8 {
      value |= Value(truncatingIfNeeded: self[offset + index]) << (8 * index)
    }
    return value
  }

  /// The integer stored at `offset`, most significant byte first (network order).
  func bigEndian<Value: FixedWidthInteger>(at offset: Int) -> Value {
    var value: Value = 0
    for index in 0..<Value.bitWidth / 8 {
      value = value << 8 | Value(truncatingIfNeeded: self[offset + index])
    }
    return value
  }
}

extension MutableSpan where Element == UInt8 {
  /// Stores `value` at `offset`, least significant byte first.
  mutating func storeLittleEndian<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
    // One check for the whole integer; the byte stores then cannot fail.
    precondition(offset >= 0 && offset <= count - Value.bitWidth / 8)
    for index in 0..<Value.bitWidth / 8 {
      self[offset &+ index] = UInt8(truncatingIfNeeded: value >> (8 * index))
    }
  }

  /// Stores `value` at `offset`, most significant byte first (network order).
  mutating func storeBigEndian<Value: FixedWidthInteger>(_ value: Value, at offset: Int) {
    storeLittleEndian(value.byteSwapped, at: offset)
  }
}
