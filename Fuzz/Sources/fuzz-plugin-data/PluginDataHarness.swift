import FuzzSupport
import IPFeedCore

/// The plugin's data file decoder against arbitrary bytes, and against the same bytes with the
/// header's CRC-32 made right, so that the fuzzer gets past the checksum into the source table
/// and the records. A file the decoder accepts must be exactly what the writer writes for what
/// it decoded (the reserved header bytes aside), hold sorted unique canonical addresses with no
/// IPv4-mapped IPv6 record, and find each of its addresses, and no other, by lookup.
enum PluginDataHarness {
  static func check(_ bytes: [UInt8]) {
    checkDecoding(bytes)
    if bytes.count >= PluginDataFile.headerSize {
      var fixed = bytes
      let checksum = CRC32.checksum(fixed.span.extracting(PluginDataFile.headerSize...))
      for index in 0..<4 { fixed[12 + index] = UInt8(truncatingIfNeeded: checksum >> (8 * index)) }
      checkDecoding(fixed)
    }
  }

  private static func checkDecoding(_ bytes: [UInt8]) {
    let file: PluginDataFile
    do {
      file = try PluginDataFile(decoding: bytes)
    } catch {
      fuzzRequire(!error.description.isEmpty, "a rejection without a message")
      return
    }
    var canonical = bytes
    for index in [10, 11] + Array(48..<64) { canonical[index] = 0 }
    fuzzRequire(file.encoded() == canonical, "re-encoding an accepted file gives other bytes")

    let entries = file.entries
    fuzzRequire(entries.count == file.count, "\(entries.count) entries, count \(file.count)")
    var previous: IPAddress?
    for entry in entries {
      if let previous {
        fuzzRequire(previous < entry.address, "entries not ascending at \(entry.address)")
      }
      previous = entry.address
      AddressProperties.checkCanonical(entry.address)
      fuzzRequire(file.lookup(entry.address) == entry, "lookup misses \(entry.address)")
      fuzzRequire(file.sources.contains(entry.source), "an entry's source is not in the table")
    }
    // Neighbours of each address are listed only when they are entries themselves.
    let listed = Set(entries.map(\.address))
    for entry in entries.prefix(64) {
      for neighbour in neighbours(of: entry.address) {
        fuzzRequire(
          (file.lookup(neighbour) != nil) == listed.contains(neighbour),
          "lookup of \(neighbour) disagrees with the entries")
      }
    }
  }

  /// The addresses one below and one above; IPv6 ones through their text, so that a neighbour in
  /// the IPv4-mapped block becomes the IPv4 address, as the parser makes it.
  private static func neighbours(of address: IPAddress) -> [IPAddress] {
    switch address {
    case .v4(let value):
      return [.v4(value &- 1), .v4(value &+ 1)]
    case .v6(let high, let low):
      return [low &- 1, low &+ 1].compactMap { IPAddress("\(IPAddress.v6(high: high, low: $0))") }
    }
  }
}
