import IPFeedCore
import PropertyBased
import Testing

@Suite struct AddressPropertyTests {
  @Test func everySpellingParsesToTheAddressAndPrintsCanonically() async {
    var otherSpellings = 0
    await propertyCheck(count: 2_000, input: CoreGenerators.address, Gen.uint64()) {
      address, choices in
      let spelling = AddressSpelling.text(of: address, choices: choices)
      if spelling != address.description { otherSpellings += 1 }
      let parsed = IPAddress(spelling)
      #expect(parsed == address, "\(spelling) parses to \(String(describing: parsed))")
      #expect(parsed?.description == address.description, "\(spelling)")
    }
    // Most inputs are spelled otherwise than canonically, or the property proves little.
    #expect(otherSpellings > 1_000)
  }

  @Test func canonicalisationIsIdempotent() async {
    await propertyCheck(count: 2_000, input: CoreGenerators.address, Gen.uint64()) {
      address, choices in
      let once = IPAddress(AddressSpelling.text(of: address, choices: choices))?.description
      let twice = once.flatMap(IPAddress.init)?.description
      #expect(once != nil && twice == once, "\(String(describing: once))")
    }
  }

  @Test func orderFollowsTheNumericValue() async {
    await propertyCheck(count: 1_000, input: CoreGenerators.address, CoreGenerators.address) {
      left, right in
      let leftKey = key(left)
      let rightKey = key(right)
      #expect((left < right) == (leftKey < rightKey), "\(left) against \(right)")
    }
  }

  /// IPv4 before IPv6, then the 128-bit value: the order the list and the rules file use.
  private func key(_ address: IPAddress) -> (Int, UInt64, UInt64) {
    switch address {
    case .v4(let value): (0, 0, UInt64(value))
    case .v6(let high, let low): (1, high, low)
    }
  }
}
