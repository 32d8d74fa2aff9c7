import IPFeedCore
import Testing

@Suite struct PluginDataErrorTests {
  private let good = PluginDataFile(
    generation: 9,
    entries: [
      PluginDataEntry(address: IPAddress("1.2.3.4")!, score: 5, source: "ipsum", listedSince: 1),
      PluginDataEntry(address: IPAddress("5.6.7.8")!, score: 6, source: "ipsum", listedSince: 2),
      PluginDataEntry(address: IPAddress("2001:db8::1")!, score: 7, source: "x", listedSince: 3),
      PluginDataEntry(address: IPAddress("2001:db8::2")!, score: 8, source: "x", listedSince: 4),
    ]
  ).encoded()

  private func decodeError(_ bytes: [UInt8]) -> PluginDataError? {
    do {
      _ = try PluginDataFile(decoding: bytes)
      return nil
    } catch {
      return error
    }
  }

  /// `bytes` with `patch` applied at `offset` and the header's CRC-32 made right again, to reach
  /// the checks behind the checksum.
  private func patched(_ offset: Int, _ patch: [UInt8], fixChecksum: Bool = true) -> [UInt8] {
    var bytes = good
    bytes.replaceSubrange(offset..<offset + patch.count, with: patch)
    if fixChecksum {
      let crc = CRC32.checksum(Array(bytes[PluginDataFile.headerSize...]))
      for index in 0..<4 { bytes[12 + index] = UInt8(truncatingIfNeeded: crc >> (8 * index)) }
    }
    return bytes
  }

  // The source table of `good` is 2+5 ("ipsum") + 2+1 ("x") bytes; records follow it.
  private let ipv4Start = 64 + 10
  private var ipv6Start: Int { ipv4Start + 2 * 16 }

  @Test(arguments: [
    ([UInt8](), PluginDataError.truncated(expectedBytes: 64, actualBytes: 0)),
    (Array("IPF".utf8), .truncated(expectedBytes: 64, actualBytes: 3)),
    (Array("- list: malicious_ip_list\n".utf8), .badMagic(Array("- list: ".utf8))),
    (
      Array("IPFDATA".utf8) + [0] + [UInt8](repeating: 0, count: 20),
      .truncated(expectedBytes: 64, actualBytes: 28)
    ),
  ])
  func shortOrForeignBytes(bytes: [UInt8], expected: PluginDataError) {
    #expect(decodeError(bytes) == expected)
  }

  @Test func anotherVersion() {
    #expect(decodeError(patched(8, [2, 0], fixChecksum: false)) == .unsupportedVersion(2))
  }

  @Test func everyPrefixIsRefused() {
    for length in 0..<good.count {
      #expect(decodeError(Array(good.prefix(length))) != nil, "prefix of \(length) bytes")
    }
    #expect(
      decodeError(Array(good.prefix(100)))
        == .truncated(expectedBytes: good.count, actualBytes: 100))
  }

  @Test func trailingBytesAreRefused() {
    #expect(
      decodeError(good + [0])
        == .trailingBytes(expectedBytes: good.count, actualBytes: good.count + 1))
  }

  @Test func oversizedDeclarationIsRefusedBeforeReading() {
    let error = decodeError(patched(40, [0, 0, 0, 0x40, 0, 0, 0, 0], fixChecksum: false))
    #expect(error == .tooLarge(bytes: 0x4000_0000 + 64, limit: PluginDataFile.maximumFileSize))
  }

  @Test func countsThatDoNotFillThePayload() {
    guard case .inconsistentHeader? = decodeError(patched(24, [3, 0, 0, 0], fixChecksum: false))
    else {
      Issue.record("an IPv4 count that does not match the payload must be refused")
      return
    }
  }

  @Test func everyFlippedPayloadByteFailsTheChecksum() {
    for offset in PluginDataFile.headerSize..<good.count {
      var bytes = good
      bytes[offset] ^= 0x5a
      guard case .checksumMismatch? = decodeError(bytes) else {
        Issue.record("a flipped byte at \(offset) must fail the checksum")
        continue
      }
    }
  }

  @Test func unsortedRecords() {
    // Swap the two IPv4 addresses.
    let error = decodeError(patched(ipv4Start, [5, 6, 7, 8]))
    #expect(
      error == .badRecord(family: "IPv4", index: 1, reason: "addresses not strictly ascending"))
    let repeated = decodeError(patched(ipv6Start + 28 + 15, [1]))
    #expect(
      repeated == .badRecord(family: "IPv6", index: 1, reason: "addresses not strictly ascending"))
  }

  @Test func sourceIndexOutOfRange() {
    #expect(
      decodeError(patched(ipv4Start + 6, [2, 0]))
        == .badRecord(
          family: "IPv4", index: 0, reason: "source index 2, but the table has 2 names"))
  }

  @Test func mappedAddressInTheIPv6Records() {
    let mapped: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 9, 9, 9, 9]
    #expect(
      decodeError(patched(ipv6Start, mapped))
        == .badRecord(
          family: "IPv6", index: 0,
          reason: "an IPv4-mapped address, which belongs in the IPv4 records"))
  }

  @Test func badSourceNames() {
    #expect(decodeError(patched(64 + 2, [0xff])) == .badSourceTable("name 0 is not UTF-8"))
    #expect(
      decodeError(patched(64 + 7, [9, 0]))
        == .badSourceTable("name 1 is 9 bytes, past the table's end"))
    // "ipsum" then "a": out of the byte order the format requires.
    #expect(
      decodeError(patched(64 + 9, Array("a".utf8)))
        == .badSourceTable(
          "name 1 (a) is not after name 0 (ipsum) in byte order: names are sorted, none repeated"))
  }

  @Test func messagesNameTheProblemAndTheFix() {
    let text = PluginDataError.checksumMismatch(stored: 1, computed: 2).description
    #expect(text.contains("damaged") && text.contains("0x00000002") && text.contains("rewrite"))
    let magic = PluginDataError.badMagic(Array("- list".utf8)).description
    #expect(magic.contains("\"- list\"") && magic.contains("output.data_path"))
  }
}
