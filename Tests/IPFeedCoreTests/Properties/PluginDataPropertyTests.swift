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
