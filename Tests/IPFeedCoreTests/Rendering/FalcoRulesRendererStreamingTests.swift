import IPFeedCore
import Testing

/// The rules file rendered in pieces (as `render` writes it to standard output) is the file
/// rendered whole, byte for byte, whatever the piece size, the tiers and the address families.
@Suite struct FalcoRulesRendererStreamingTests {
  private struct WriteFailed: Error {}

  /// More addresses than one batch of items, IPv4 then IPv6, scores 1 to 10.
  private static let list = AddressList(
    (0..<5_000).map { index in
      let address: IPAddress =
        index % 4 == 0
        ? .v6(high: 0x2001_0db8_0000_0000 | UInt64(index), low: UInt64(index) << 32 | 0xffff)
        : .v4(0x0b00_0000 | UInt32(index) &* 2_654_435_761 >> 8)
      return ListedAddress(address: address, score: index % 10 + 1, source: "ipsum")
    })

  private static let renderers = [
    FalcoRulesRenderer(sources: []),
    FalcoRulesRenderer(
      sources: [.init(name: "ipsum", location: "feed.txt", format: .ipsum, threshold: 1)],
      tiers: [
        RiskTier(minScore: 8, priority: .critical), RiskTier(minScore: 3, priority: .warning),
      ]),
    FalcoRulesRenderer(
      includeRule: false, sources: [], tiers: [.init(minScore: 11, priority: .error)]),
    FalcoRulesRenderer(sources: [], mode: .plugin),
  ]

  private func pieces(
    _ renderer: FalcoRulesRenderer, _ list: AddressList, chunkBytes: Int
  ) -> [[UInt8]] {
    var pieces: [[UInt8]] = []
    renderer.render(list, chunkBytes: chunkBytes) { (bytes: Span<UInt8>) throws(Never) in
      var piece: [UInt8] = []
      for index in bytes.indices { piece.append(bytes[index]) }
      pieces.append(piece)
    }
    return pieces
  }

  @Test(arguments: [1, 100, 4_096, 60_000, 1 << 18])
  func piecesMakeTheWholeFile(chunkBytes: Int) {
    for renderer in Self.renderers {
      for list in [Self.list, .empty] {
        let pieces = pieces(renderer, list, chunkBytes: chunkBytes)
        #expect(pieces.flatMap { $0 } == renderer.render(list))
        // Every piece but the last holds at least the chunk size: few writes.
        #expect(pieces.dropLast().allSatisfy { $0.count >= chunkBytes })
      }
    }
  }

  @Test func aFailedWriteStopsTheRendering() {
    var writes = 0
    #expect(throws: WriteFailed.self) {
      try Self.renderers[0].render(Self.list, chunkBytes: 1_000) {
        (_: Span<UInt8>) throws(WriteFailed) in
        writes += 1
        throw WriteFailed()
      }
    }
    #expect(writes == 1)
  }
}
