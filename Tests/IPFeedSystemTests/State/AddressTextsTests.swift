import IPFeedCore
import Testing

@testable import IPFeedSystem

/// The order rows are inserted in: that of the addresses' texts, byte by byte, as SQLite
/// compares the tables' TEXT keys.
@Suite struct AddressTextsTests {
  private func texts(in order: AddressTexts) -> [[UInt8]] {
    order.order.map { index in order.withText(index) { span in span.indices.map { span[$0] } } }
  }

  @Test func ordersAsTheTextsCompareBytewise() throws {
    var generator = SystemRandomNumberGenerator()
    var addresses: [IPAddress] = [
      .v4(0), .v4(0xFFFF_FFFF), .v4(0x0102_0304), .v4(0x0A02_0304), .v4(0x0102_0322),
      .v4(0x6401_0101), .v4(0x0901_0101), .v4(0xC800_0001),
      try #require(IPAddress("200:1::1")), try #require(IPAddress("2001:db8::1")),
      try #require(IPAddress("2a00:1450:4001:82b::200e")), try #require(IPAddress("::1")),
      try #require(IPAddress("2a00:1450:4001:82b::200f")), try #require(IPAddress("fe80::1")),
    ]
    for _ in 0..<2_000 {
      addresses.append(.v4(UInt32.random(in: 0...UInt32.max, using: &generator)))
      let high = UInt64.random(in: 0...UInt64.max, using: &generator)
      // Long texts that share their first 16 bytes, and zero runs that shorten others.
      addresses.append(.v6(high: 0x2a00_1450_4001_0000 | high & 0xFFFF, low: high >> 16))
      addresses.append(.v6(high: high & 0xFFFF_0000_0000_FFFF, low: 0))
    }
    let order = AddressTexts(addresses)
    let sorted = addresses.map { Array($0.description.utf8) }
      .sorted { $0.lexicographicallyPrecedes($1) }
    #expect(texts(in: order) == sorted)
  }

  @Test func anEmptyListHasAnEmptyOrder() {
    #expect(AddressTexts([IPAddress]()).order.isEmpty)
  }
}
