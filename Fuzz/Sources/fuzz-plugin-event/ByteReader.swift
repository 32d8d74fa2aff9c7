/// Reads the input byte by byte, zeros once it is used up.
struct ByteReader {
  private var bytes: ArraySlice<UInt8>

  init(_ bytes: [UInt8]) {
    self.bytes = bytes[...]
  }

  mutating func byte() -> UInt8 { bytes.popFirst() ?? 0 }

  var remaining: [UInt8] { Array(bytes) }
}
