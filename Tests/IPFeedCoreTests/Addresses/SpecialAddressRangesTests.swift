import Testing

@testable import IPFeedCore

@Suite struct SpecialAddressRangesTests {
  @Test func listsTheRangesInOrder() {
    let prefixes = SpecialAddressRanges.alwaysExcluded.map(\.prefix.description)
    #expect(
      prefixes == [
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
        "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4", "::/128", "::1/128",
        "fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32",
      ])
    #expect(SpecialAddressRanges.alwaysExcluded.allSatisfy { !$0.purpose.isEmpty })
    #expect(SpecialAddressRanges.alwaysExcluded[1].purpose == "private-use (RFC 1918)")
  }

  @Test(
    arguments: [
      // "this network"
      ("0.0.0.0", "0.0.0.0/8"),
      ("0.255.255.255", "0.0.0.0/8"),
      ("1.0.0.0", nil),
      // private-use
      ("9.255.255.255", nil),
      ("10.0.0.0", "10.0.0.0/8"),
      ("10.255.255.255", "10.0.0.0/8"),
      ("11.0.0.0", nil),
      ("172.15.255.255", nil),
      ("172.16.0.0", "172.16.0.0/12"),
      ("172.31.255.255", "172.16.0.0/12"),
      ("172.32.0.0", nil),
      ("192.167.255.255", nil),
      ("192.168.0.0", "192.168.0.0/16"),
      ("192.168.255.255", "192.168.0.0/16"),
      ("192.169.0.0", nil),
      // shared address space
      ("100.63.255.255", nil),
      ("100.64.0.0", "100.64.0.0/10"),
      ("100.127.255.255", "100.64.0.0/10"),
      ("100.128.0.0", nil),
      // loopback, link-local
      ("126.255.255.255", nil),
      ("127.0.0.1", "127.0.0.0/8"),
      ("127.255.255.255", "127.0.0.0/8"),
      ("128.0.0.0", nil),
      ("169.253.255.255", nil),
      ("169.254.0.0", "169.254.0.0/16"),
      ("169.254.169.254", "169.254.0.0/16"),
      ("169.255.0.0", nil),
      // IETF protocol assignments, documentation
      ("191.255.255.255", nil),
      ("192.0.0.0", "192.0.0.0/24"),
      ("192.0.0.255", "192.0.0.0/24"),
      ("192.0.1.0", nil),
      ("192.0.2.0", "192.0.2.0/24"),
      ("192.0.2.255", "192.0.2.0/24"),
      ("192.0.3.0", nil),
      ("198.51.99.255", nil),
      ("198.51.100.0", "198.51.100.0/24"),
      ("198.51.100.255", "198.51.100.0/24"),
      ("198.51.101.0", nil),
      ("203.0.112.255", nil),
      ("203.0.113.7", "203.0.113.0/24"),
      ("203.0.114.0", nil),
      // benchmarking
      ("198.17.255.255", nil),
      ("198.18.0.0", "198.18.0.0/15"),
      ("198.19.255.255", "198.18.0.0/15"),
      ("198.20.0.0", nil),
      // multicast, reserved, broadcast
      ("223.255.255.255", nil),
      ("224.0.0.0", "224.0.0.0/4"),
      ("239.255.255.255", "224.0.0.0/4"),
      ("240.0.0.0", "240.0.0.0/4"),
      ("255.255.255.255", "240.0.0.0/4"),
      // ordinary addresses
      ("1.1.1.1", nil),
      ("8.8.8.8", nil),
      ("185.220.101.1", nil),
      // IPv4-mapped IPv6 is IPv4
      ("::ffff:10.1.2.3", "10.0.0.0/8"),
      ("::ffff:8.8.8.8", nil),
      // IPv6
      ("::", "::/128"),
      ("::1", "::1/128"),
      ("::2", nil),
      ("::1.2.3.4", nil),
      ("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil),
      ("fc00::", "fc00::/7"),
      ("fd12:3456::1", "fc00::/7"),
      ("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fc00::/7"),
      ("fe00::", nil),
      ("fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil),
      ("fe80::", "fe80::/10"),
      ("fe80::1", "fe80::/10"),
      ("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe80::/10"),
      ("fec0::", nil),
      ("feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", nil),
      ("ff00::", "ff00::/8"),
      ("ff02::1", "ff00::/8"),
      ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ff00::/8"),
      ("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", nil),
      ("2001:db8::", "2001:db8::/32"),
      ("2001:db8::1", "2001:db8::/32"),
      ("2001:db8:ffff::", "2001:db8::/32"),
      ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32"),
      ("2001:db9::", nil),
      ("2606:4700:4700::1111", nil),
      ("64:ff9b::192.0.2.1", nil),
    ] as [(String, String?)])
  func rangeContaining(address: String, expected: String?) throws {
    let candidate = try #require(IPAddress(address))
    #expect(SpecialAddressRanges.range(containing: candidate)?.prefix.description == expected)
  }

  @Test func agreesWithALinearScanOfThePrefixes() {
    var state: UInt64 = 42
    for _ in 0..<4000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let high = state
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let candidates: [IPAddress] = [
        .v4(UInt32(truncatingIfNeeded: high >> 32)),
        .v6(high: high, low: state),
        .v6(high: high | 0xfe00_0000_0000_0000, low: state),
        .v6(high: 0x2001_0db8_0000_0000 | (high & 0x0000_0000_ffff_ffff), low: state),
      ]
      for candidate in candidates {
        let expected = SpecialAddressRanges.alwaysExcluded.first { $0.prefix.contains(candidate) }
        #expect(SpecialAddressRanges.range(containing: candidate) == expected, "\(candidate)")
      }
    }
  }
}
