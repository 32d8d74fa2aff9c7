/// CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320): the data file's
/// checksum, so that any tool with zlib can compute it.
///
/// Slicing by 8: eight bytes a step through eight tables (8 KiB), the eight lookups independent
/// of one another, where one table takes a lookup and a dependent shift per byte.
public enum CRC32 {
  public static func checksum(_ bytes: Span<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    let tables = Self.tables.span
    var index = 0
    while index + 8 <= bytes.count {
      let low =
        crc
        ^ (UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8
          | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
      crc =
        tables[7 << 8 | Int(low & 0xFF)] ^ tables[6 << 8 | Int(low >> 8 & 0xFF)]
        ^ tables[5 << 8 | Int(low >> 16 & 0xFF)] ^ tables[4 << 8 | Int(low >> 24)]
        ^ tables[3 << 8 | Int(bytes[index + 4])] ^ tables[2 << 8 | Int(bytes[index + 5])]
        ^ tables[1 << 8 | Int(bytes[index + 6])] ^ tables[Int(bytes[index + 7])]
      index += 8
    }
    while index < bytes.count {
      crc = tables[Int(UInt8(truncatingIfNeeded: crc) ^ bytes[index])] ^ (crc >> 8)
      index += 1
    }
    return crc ^ 0xFFFF_FFFF
  }

  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    checksum(bytes.span)
  }

  /// Table k (entries k × 256 ..< (k + 1) × 256) is the CRC of a byte followed by k zero bytes;
  /// table 0 is the classic one-byte table.
  private static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var value = UInt32(byte)
      for _ in 0..<8 {
        value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1
      }
      tables[byte] = value
    }
    for table in 1..<8 {
      for byte in 0..<256 {
        let previous = tables[(table - 1) << 8 | byte]
        tables[table << 8 | byte] = tables[Int(previous & 0xFF)] ^ (previous >> 8)
      }
    }
    return tables
  }()
}
