extension PluginDataFile {
  /// The file's bytes: header, source table, IPv4 records, IPv6 records. Written into one
  /// buffer of the file's exact size, by offset; the checksum last, over the finished payload.
  public func encoded() -> [UInt8] {
    let names = sources.map { Array($0.utf8.prefix(Int(UInt16.max))) }
    let sourceTableLength = names.reduce(0) { $0 + 2 + $1.count }
    let payloadLength =
      sourceTableLength + ipv4Addresses.count * Self.ipv4RecordSize
      + ipv6Addresses.count * Self.ipv6RecordSize
    var file = [UInt8](repeating: 0, count: Self.headerSize + payloadLength)
    var bytes = file.mutableSpan
    for (offset, byte) in Self.magic.enumerated() { bytes[offset] = byte }
    bytes.storeLittleEndian(Self.formatVersion, at: 8)
    bytes.storeLittleEndian(generation, at: 16)
    bytes.storeLittleEndian(UInt32(ipv4Addresses.count), at: 24)
    bytes.storeLittleEndian(UInt32(ipv6Addresses.count), at: 28)
    bytes.storeLittleEndian(UInt32(sources.count), at: 32)
    bytes.storeLittleEndian(UInt32(sourceTableLength), at: 36)
    bytes.storeLittleEndian(UInt64(payloadLength), at: 40)

    var offset = Self.headerSize
    for name in names {
      bytes.storeLittleEndian(UInt16(name.count), at: offset)
      for (index, byte) in name.enumerated() { bytes[offset + 2 + index] = byte }
      offset += 2 + name.count
    }
    for index in ipv4Addresses.indices {
      bytes.storeBigEndian(ipv4Addresses[index], at: offset)
      bytes.store(ipv4Attributes[index], at: offset + 4)
      offset += Self.ipv4RecordSize
    }
    for index in ipv6Addresses.indices {
      bytes.storeBigEndian(ipv6Addresses[index], at: offset)
      bytes.store(ipv6Attributes[index], at: offset + 16)
      offset += Self.ipv6RecordSize
    }
    let checksum = CRC32.checksum(file.span.extracting(Self.headerSize..<file.count))
    bytes = file.mutableSpan
    bytes.storeLittleEndian(checksum, at: 12)
    return file
  }
}

extension MutableSpan where Element == UInt8 {
  fileprivate mutating func store(_ attributes: PluginDataFile.Attributes, at offset: Int) {
    storeLittleEndian(attributes.score, at: offset)
    storeLittleEndian(attributes.source, at: offset + 2)
    storeLittleEndian(attributes.listedSince, at: offset + 4)
  }
}
