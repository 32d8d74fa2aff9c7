/// CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320): the data file's
/// checksum, so that any tool with zlib can compute it.
public enum CRC32 {
  public static func checksum(_ bytes: Span<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    let table = Self.table
    for index in bytes.indices {
      crc = table[Int(UInt8(truncatingIfNeeded: crc) ^ bytes[index])] ^ (crc >> 8)
    }
    return crc ^ 0xFFFF_FFFF
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    checksum(bytes.span)
  }

  private static let table: [UInt32] = (0..<256).map { index in
    var value = UInt32(index)
    for _ in 0..<8 {
      value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
    }
    return value
  }
}
