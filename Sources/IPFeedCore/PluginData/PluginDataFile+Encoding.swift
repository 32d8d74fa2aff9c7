extension PluginDataFile {
  /// The file's bytes: header, source table, IPv4 records, IPv6 records.
  public func encoded() -> [UInt8] {
    var payload: [UInt8] = []
    payload.reserveCapacity(
      sources.reduce(0) { $0 + 2 + $1.utf8.count } + ipv4Addresses.count * Self.ipv4RecordSize
        + ipv6Addresses.count * Self.ipv6RecordSize)
    for name in sources {
      let bytes = Array(name.utf8.prefix(Int(UInt16.max)))
      payload.appendLittleEndian(UInt16(bytes.count))
      payload.append(contentsOf: bytes)
    }
    let sourceTableLength = payload.count
    for (address, attributes) in zip(ipv4Addresses, ipv4Attributes) {
      payload.appendBigEndian(address)
      payload.append(attributes)
    }
    for (address, attributes) in zip(ipv6Addresses, ipv6Attributes) {
      payload.appendBigEndian(address)
      payload.append(attributes)
    }

    var file: [UInt8] = []
    file.reserveCapacity(Self.headerSize + payload.count)
    file.append(contentsOf: Self.magic)
    file.appendLittleEndian(Self.formatVersion)
    file.appendLittleEndian(UInt16(0))
    file.appendLittleEndian(CRC32.checksum(payload))
    file.appendLittleEndian(generation)
    file.appendLittleEndian(UInt32(ipv4Addresses.count))
    file.appendLittleEndian(UInt32(ipv6Addresses.count))
    file.appendLittleEndian(UInt32(sources.count))
    file.appendLittleEndian(UInt32(sourceTableLength))
    file.appendLittleEndian(UInt64(payload.count))
    file.append(contentsOf: repeatElement(0, count: Self.headerSize - file.count))
    file.append(contentsOf: payload)
    return file
  }
}

extension [UInt8] {
  /// Appends `value`'s bytes, least significant first: the format's integers.
  fileprivate mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
    for shift in stride(from: 0, to: Value.bitWidth, by: 8) {
      append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  /// Appends `value`'s bytes, most significant first: addresses, in network order.
  fileprivate mutating func appendBigEndian<Value: FixedWidthInteger>(_ value: Value) {
    for shift in stride(from: Value.bitWidth - 8, through: 0, by: -8) {
      append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  fileprivate mutating func append(_ attributes: PluginDataFile.Attributes) {
    appendLittleEndian(attributes.score)
    appendLittleEndian(attributes.source)
    appendLittleEndian(attributes.listedSince)
  }
}
