import IPFeedCore
import PropertyBased
import Testing

@Suite struct PluginDataPropertyTests {
  private static let entry = zip(
    CoreGenerators.address, Gen.int(in: 0...70_000),
    Gen<String?>.element(of: ["ipsum", "local", "é"]),
    Gen.int64()
  ).map { address, score, source, since in
    PluginDataEntry(address: address, score: score, source: source!, listedSince: since)
  }

  @Test func theDataFileRoundTrips() async throws {
    await propertyCheck(count: 300, input: Self.entry.array(of: 0...150), Gen.uint64()) {
      entries, generation in
      let file = PluginDataFile(generation: generation, entries: entries)
      let decoded = try PluginDataFile(decoding: file.encoded())
      #expect(decoded == file)
      #expect(decoded.generation == generation)
      // One entry per address, the highest score kept (clamped to the format's 16 bits).
      let expected = Dictionary(grouping: entries, by: \.address).mapValues { group in
        group.map { min($0.score, Int(UInt16.max)) }.max()!
      }
      #expect(decoded.count == expected.count)
      for entry in decoded.entries { #expect(expected[entry.address] == entry.score) }
    }
  }

  /// The daemon builds the file from its sorted list directly; the same file, byte for byte,
  /// as from the same entries in any order.
  @Test func theFileOfAListIsTheFileOfItsEntries() async {
    await propertyCheck(count: 300, input: CoreGenerators.list, Gen.uint64()) { list, seed in
      // Names in runs and scattered, as several sources give them.
      let names = ["ipsum", "local", "é", "zz"]
      let named = AddressList(
        sortedUniqueEntries: list.entries.map { entry in
          var entry = entry
          entry.source = names[(entry.score / 3 + Int(seed % 4)) % names.count]
          return entry
        })
      let since = { (entry: ListedAddress) in Int64(entry.score) * 1_000 - Int64(seed % 7) }
      let fromList = PluginDataFile(generation: seed, list: named, listedSince: since)
      let fromEntries = PluginDataFile(
        generation: seed,
        entries: named.entries.reversed().map {
          PluginDataEntry(
            address: $0.address, score: $0.score, source: $0.source, listedSince: since($0))
        })
      #expect(fromList == fromEntries)
      #expect(fromList.encoded() == fromEntries.encoded())
    }
  }

  /// Every probe, listed or not, IPv4 also as its IPv4-mapped IPv6 value: the plugin's lookup
  /// says what a `Set` of the listed addresses says.
  @Test func lookupsAgreeWithASet() async {
    let listed = CoreGenerators.address.array(of: 0...200)
    await propertyCheck(count: 300, input: listed, CoreGenerators.address.array(of: 50)) {
      addresses, strangers in
      let file = PluginDataFile(
        generation: 1,
        entries: addresses.map {
          PluginDataEntry(address: $0, score: 1, source: "ipsum", listedSince: 0)
        })
      let set = Set(addresses)
      for probe in addresses + strangers {
        #expect((file.lookup(probe) != nil) == set.contains(probe), "\(probe)")
        if case .v4(let value) = probe {
          let mapped = UInt128(0xffff) << 32 | UInt128(value)
          #expect((file.lookup(ipv6: mapped) != nil) == set.contains(probe), "mapped \(probe)")
        }
      }
    }
  }
}
