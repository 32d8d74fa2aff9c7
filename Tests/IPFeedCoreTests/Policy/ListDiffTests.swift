import IPFeedCore
import Testing

@Suite struct ListDiffTests {
  private func list(_ addresses: [String]) -> AddressList {
    AddressList(addresses.map { ListedAddress(address: IPAddress($0)!, score: 1, source: "s") })
  }

  @Test func addedAndRemoved() {
    let diff = ListDiff(
      from: list(["1.1.1.1", "2.2.2.2", "3.3.3.3"]), to: list(["2.2.2.2", "4.4.4.4", "::5"]))
    #expect(diff.added.map(\.address.description) == ["4.4.4.4", "::5"])
    #expect(diff.removed.map(\.address.description) == ["1.1.1.1", "3.3.3.3"])
  }

  @Test func sameListIsEmptyDiff() {
    #expect(ListDiff(from: list(["1.1.1.1"]), to: list(["1.1.1.1"])).isEmpty)
    #expect(ListDiff(from: .empty, to: .empty).isEmpty)
  }

  @Test func fromEmptyAddsAll() {
    let diff = ListDiff(from: .empty, to: list(["1.1.1.1", "2.2.2.2"]))
    #expect(diff.added.count == 2)
    #expect(diff.removed.isEmpty)
  }

  @Test func entryLookupByBinarySearch() {
    let addresses = (0..<1_000).map { "7.7.\($0 / 256).\($0 % 256)" }
    let big = list(addresses)
    for address in addresses { #expect(big.entry(for: IPAddress(address)!) != nil) }
    #expect(big.entry(for: IPAddress("7.7.200.1")!) == nil)
    #expect(big.entry(for: IPAddress("::1")!) == nil)
  }
}
