import Foundation
import IPFeedCore
import Testing

@Suite struct PluginDataFileTests {
  private func entry(_ text: String, _ score: Int, _ source: String, _ since: Int64)
    -> PluginDataEntry
  {
    PluginDataEntry(address: IPAddress(text)!, score: score, source: source, listedSince: since)
  }

  private var sample: PluginDataFile {
    PluginDataFile(
      generation: 32,
      entries: [
        entry("198.18.0.2", 7, "ipsum", 1_700_000_000),
        entry("2001:db8::5", 3, "extra", 1_700_000_100),
        entry("1.2.3.4", 9, "ipsum", 1_600_000_000),
        entry("::ffff:10.9.8.7", 4, "extra", 1_650_000_000),
        entry("fd00:ff::2", 65_535, "ipsum", 0),
      ])
  }

  @Test func roundTripKeepsEveryEntry() throws {
    let decoded = try PluginDataFile(decoding: sample.encoded())
    #expect(decoded == sample)
    #expect(decoded.generation == 32)
    #expect(decoded.sources == ["extra", "ipsum"])
    #expect(decoded.ipv4Count == 3)
    #expect(decoded.ipv6Count == 2)
    #expect(
      decoded.entries.map(\.address.description) == [
        "1.2.3.4", "10.9.8.7", "198.18.0.2", "2001:db8::5", "fd00:ff::2",
      ])
  }

  @Test func lookupFindsEntriesAndMisses() throws {
    let decoded = try PluginDataFile(decoding: sample.encoded())
    #expect(
      decoded.lookup(IPAddress("198.18.0.2")!) == entry("198.18.0.2", 7, "ipsum", 1_700_000_000))
    #expect(decoded.lookup(IPAddress("2001:db8::5")!)?.source == "extra")
    #expect(decoded.lookup(IPAddress("fd00:ff::2")!)?.score == 65_535)
    #expect(decoded.lookup(IPAddress("198.18.0.1")!) == nil)
    #expect(decoded.lookup(IPAddress("::1")!) == nil)
    #expect(decoded.lookup(IPAddress("0.0.0.0")!) == nil)
    #expect(decoded.lookup(IPAddress("255.255.255.255")!) == nil)
    // An IPv4-mapped IPv6 value finds the IPv4 entry.
    #expect(decoded.lookup(ipv6: 0xffff_c612_0002)?.address == IPAddress("198.18.0.2"))
    #expect(decoded.lookup(ipv4: 0x0102_0304)?.score == 9)
  }

  @Test func repeatsKeepTheHighestScoreAndScoresClamp() {
    let file = PluginDataFile(
      generation: 1,
      entries: [
        entry("1.1.1.1", 2, "a", 5), entry("1.1.1.1", 8, "b", 6), entry("::2", 70_000, "a", 7),
      ]
    )
    #expect(file.count == 2)
    #expect(file.lookup(IPAddress("1.1.1.1")!) == entry("1.1.1.1", 8, "b", 6))
    #expect(file.lookup(IPAddress("::2")!)?.score == 65_535)
  }

  @Test func sameEntriesGiveSameBytesInAnyOrder() {
    let entries = sample.entries
    #expect(
      PluginDataFile(generation: 32, entries: entries.reversed()).encoded()
        == PluginDataFile(generation: 32, entries: entries).encoded())
  }

  @Test func fromTheAppliedList() throws {
    let list = AddressList([
      ListedAddress(address: IPAddress("203.0.113.9")!, score: 6, source: "ipsum"),
      ListedAddress(address: IPAddress("2001:db8::1")!, score: 1, source: "local"),
    ])
    let file = PluginDataFile(generation: 4, list: list) { $0.score == 6 ? 100 : 200 }
    let decoded = try PluginDataFile(decoding: file.encoded())
    #expect(decoded.lookup(IPAddress("203.0.113.9")!) == entry("203.0.113.9", 6, "ipsum", 100))
    #expect(decoded.lookup(IPAddress("2001:db8::1")!) == entry("2001:db8::1", 1, "local", 200))
  }

  /// The source table is sorted by bytes, which is not Unicode's order for every name: "f"
  /// before "é" (U+00E9), and "e" with a combining accent before "f".
  @Test func sourceNamesAreSortedByTheirBytes() throws {
    let names = ["f", "\u{E9}", "e\u{301}x"]
    let file = PluginDataFile(
      generation: 1,
      entries: names.enumerated().map { index, name in
        entry("198.51.100.\(index + 1)", 1, name, 0)
      })
    #expect(
      file.sources.map { Array($0.utf8) }
        == names.map { Array($0.utf8) }.sorted {
          $0.lexicographicallyPrecedes($1)
        })
    let decoded = try PluginDataFile(decoding: file.encoded())
    #expect(decoded == file)
  }

  @Test func emptyFileRoundTrips() throws {
    let bytes = PluginDataFile.empty.encoded()
    #expect(bytes.count == PluginDataFile.headerSize)
    let decoded = try PluginDataFile(decoding: bytes)
    #expect(decoded.isEmpty)
    #expect(decoded.lookup(IPAddress("1.1.1.1")!) == nil)
  }

  /// The exact bytes of a one-address file: the layout that docs/plugin-data-format.md gives.
  @Test func layoutByteByByte() {
    let bytes = PluginDataFile(generation: 0x0102, entries: [entry("192.0.2.1", 6, "ipsum", 0x10)])
      .encoded()
    let payload: [UInt8] =
      [5, 0] + Array("ipsum".utf8)  // source table: length, name
      + [192, 0, 2, 1, 6, 0, 0, 0, 0x10, 0, 0, 0, 0, 0, 0, 0]  // address, score, source, since
    let crc = CRC32.checksum(payload)
    var header: [UInt8] = Array("IPFDATA".utf8) + [0]
    header += [1, 0, 0, 0]  // version 1, reserved
    header += (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * UInt32($0))) }
    header += [0x02, 0x01, 0, 0, 0, 0, 0, 0]  // generation
    header += [1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0]  // IPv4, IPv6, sources, table bytes
    header += [UInt8(payload.count), 0, 0, 0, 0, 0, 0, 0]  // payload length
    header += [UInt8](repeating: 0, count: 16)  // reserved
    #expect(bytes == header + payload)
  }

  @Test func crc32MatchesZlib() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([]) == 0)
    // zlib.crc32 of the same bytes in Python.
    #expect(
      CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
    #expect(
      CRC32.checksum((0..<1_000).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) }) == 0x8902_161E)
  }

  /// Eight bytes a step, then the rest one by one: every length and every position of the
  /// bytes within a step agree with the CRC computed bit by bit.
  @Test func crc32AgreesWithTheBitwiseDefinitionAtEveryLength() {
    var random = SplitMix64(seed: 32)
    let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    for start in 0..<9 {
      for end in start...bytes.count {
        let slice = Array(bytes[start..<end])
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in slice {
          crc ^= UInt32(byte)
          for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        #expect(CRC32.checksum(slice) == crc ^ 0xFFFF_FFFF, "bytes \(start)..<\(end)")
      }
    }
  }

  @Test func snapshotRoundTrips() throws {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../..").standardized
    let path = package.appendingPathComponent("../shared/data/ipsum/ipsum-2026-08-22.txt")
      .standardized.path
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      print("skipped: the IPsum snapshot is not at \(path)")
      return
    }
    var entries: [PluginDataEntry] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let parts = line.split(separator: "\t")
      guard parts.count == 2, let address = IPAddress(String(parts[0])) else { continue }
      entries.append(
        PluginDataEntry(
          address: address, score: Int(parts[1])!, source: "ipsum", listedSince: 1_755_820_800))
    }
    #expect(entries.count > 100_000)
    let file = PluginDataFile(generation: 7, entries: entries)
    let decoded = try PluginDataFile(decoding: file.encoded())
    #expect(decoded == file)
    for sampleEntry in entries.prefix(1_000) {
      #expect(decoded.lookup(sampleEntry.address) != nil)
    }
  }
}
