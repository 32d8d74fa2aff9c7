extension PluginDataFile {
  /// Reads a data file, checking every rule of the format before it returns: magic, version,
  /// lengths, the payload's CRC-32, the source table, and records in strictly ascending address
  /// order with valid source indexes. Any failure is an error and no set at all.
  public init(decoding bytes: [UInt8]) throws(PluginDataError) {
    let file = bytes.span
    let magicLength = Self.magic.count
    guard file.count >= magicLength, bytes[0..<magicLength].elementsEqual(Self.magic) else {
      let start = Array(bytes.prefix(magicLength))
      if start.count < magicLength && Self.magic.starts(with: start) {
        throw .truncated(expectedBytes: Self.headerSize, actualBytes: file.count)
      }
      throw .badMagic(start)
    }
    guard file.count >= Self.headerSize else {
      throw .truncated(expectedBytes: Self.headerSize, actualBytes: file.count)
    }
    let version: UInt16 = file.littleEndian(at: 8)
    guard version == Self.formatVersion else { throw .unsupportedVersion(version) }
    let storedChecksum: UInt32 = file.littleEndian(at: 12)
    let generation: UInt64 = file.littleEndian(at: 16)
    let ipv4Count = Int(file.littleEndian(at: 24) as UInt32)
    let ipv6Count = Int(file.littleEndian(at: 28) as UInt32)
    let sourceCount = Int(file.littleEndian(at: 32) as UInt32)
    let sourceTableLength = Int(file.littleEndian(at: 36) as UInt32)
    let payloadLength: UInt64 = file.littleEndian(at: 40)

    let limit = Self.maximumFileSize
    guard payloadLength <= UInt64(limit - Self.headerSize) else {
      throw .tooLarge(bytes: Int(clamping: payloadLength) &+ Self.headerSize, limit: limit)
    }
    guard file.count <= limit else { throw .tooLarge(bytes: file.count, limit: limit) }
    let expectedLength = Self.headerSize + Int(payloadLength)
    guard file.count >= expectedLength else {
      throw .truncated(expectedBytes: expectedLength, actualBytes: file.count)
    }
    guard file.count == expectedLength else {
      throw .trailingBytes(expectedBytes: expectedLength, actualBytes: file.count)
    }
    let ipv4Start = Self.headerSize + sourceTableLength
    let ipv6Start = ipv4Start + ipv4Count * Self.ipv4RecordSize
    guard ipv6Start + ipv6Count * Self.ipv6RecordSize == expectedLength else {
      throw .inconsistentHeader(
        "a \(sourceTableLength)-byte source table, \(ipv4Count) IPv4 and \(ipv6Count) IPv6 "
          + "records do not fill the \(payloadLength)-byte payload")
    }
    guard sourceCount <= 1 << 16 else {
      throw .inconsistentHeader("\(sourceCount) source names, more than 65536")
    }
    let computedChecksum = CRC32.checksum(file.extracting(Self.headerSize..<expectedLength))
    guard computedChecksum == storedChecksum else {
      throw .checksumMismatch(stored: storedChecksum, computed: computedChecksum)
    }

    let sources = try Self.sourceNames(
      file.extracting(Self.headerSize..<ipv4Start), count: sourceCount)

    var ipv4Addresses: [UInt32] = []
    var ipv4Attributes: [Attributes] = []
    ipv4Addresses.reserveCapacity(ipv4Count)
    ipv4Attributes.reserveCapacity(ipv4Count)
    for index in 0..<ipv4Count {
      let offset = ipv4Start + index * Self.ipv4RecordSize
      let address: UInt32 = file.bigEndian(at: offset)
      if let last = ipv4Addresses.last, last >= address {
        throw .badRecord(family: "IPv4", index: index, reason: "addresses not strictly ascending")
      }
      ipv4Addresses.append(address)
      ipv4Attributes.append(
        try Self.attributes(
          file, at: offset + 4, family: "IPv4", index: index, sources: sourceCount))
    }

    var ipv6Addresses: [UInt128] = []
    var ipv6Attributes: [Attributes] = []
    ipv6Addresses.reserveCapacity(ipv6Count)
    ipv6Attributes.reserveCapacity(ipv6Count)
    for index in 0..<ipv6Count {
      let offset = ipv6Start + index * Self.ipv6RecordSize
      let address: UInt128 = file.bigEndian(at: offset)
      if let last = ipv6Addresses.last, last >= address {
        throw .badRecord(family: "IPv6", index: index, reason: "addresses not strictly ascending")
      }
      if address >> 32 == 0xffff {
        throw .badRecord(
          family: "IPv6", index: index,
          reason: "an IPv4-mapped address, which belongs in the IPv4 records")
      }
      ipv6Addresses.append(address)
      ipv6Attributes.append(
        try Self.attributes(
          file, at: offset + 16, family: "IPv6", index: index, sources: sourceCount))
    }

    self.init(
      generation: generation, sources: sources, ipv4Addresses: ipv4Addresses,
      ipv4Attributes: ipv4Attributes, ipv6Addresses: ipv6Addresses, ipv6Attributes: ipv6Attributes)
  }

  private static func sourceNames(_ table: Span<UInt8>, count: Int) throws(PluginDataError)
    -> [String]
  {
    var names: [String] = []
    var previous: [UInt8]? = nil
    var offset = 0
    for index in 0..<count {
      guard offset + 2 <= table.count else {
        throw .badSourceTable("name \(index) starts past the table's end")
      }
      let length = Int(table.littleEndian(at: offset) as UInt16)
      offset += 2
      guard offset + length <= table.count else {
        throw .badSourceTable("name \(index) is \(length) bytes, past the table's end")
      }
      var bytes: [UInt8] = []
      bytes.reserveCapacity(length)
      for position in offset..<offset + length { bytes.append(table[position]) }
      guard let name = String(validating: bytes, as: UTF8.self) else {
        throw .badSourceTable("name \(index) is not UTF-8")
      }
      // Sorted by their bytes, none repeated: one file for one set of names.
      if let previous, !previous.lexicographicallyPrecedes(bytes) {
        throw .badSourceTable(
          "name \(index) (\(name)) is not after name \(index - 1) (\(names[index - 1])) in byte"
            + " order: names are sorted, none repeated")
      }
      previous = bytes
      names.append(name)
      offset += length
    }
    guard offset == table.count else {
      throw .badSourceTable("\(table.count - offset) bytes left after \(count) names")
    }
    return names
  }

  private static func attributes(
    _ file: Span<UInt8>, at offset: Int, family: String, index: Int, sources: Int
  ) throws(PluginDataError) -> Attributes {
    let source: UInt16 = file.littleEndian(at: offset + 2)
    guard Int(source) < sources else {
      throw .badRecord(
        family: family, index: index,
        reason: "source index \(source), but the table has \(sources) names")
    }
    return Attributes(
      score: file.littleEndian(at: offset), source: source,
      listedSince: file.littleEndian(at: offset + 4))
  }
}
