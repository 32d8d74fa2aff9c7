import Testing

@testable import IPFeedCore

@Suite struct AddressPrefixTests {
  @Test(arguments: [
    ("10.0.0.0/8", "10.0.0.0/8"),
    ("0.0.0.0/0", "0.0.0.0/0"),
    ("192.0.2.0/24", "192.0.2.0/24"),
    ("192.0.2.1/32", "192.0.2.1/32"),
    ("192.0.2.1", "192.0.2.1/32"),
    ("100.64.0.0/10", "100.64.0.0/10"),
    ("255.255.255.255/32", "255.255.255.255/32"),
    ("128.0.0.0/1", "128.0.0.0/1"),
    ("2001:db8::/32", "2001:db8::/32"),
    ("2001:0DB8:0000::/32", "2001:db8::/32"),
    ("::/0", "::/0"),
    ("::/128", "::/128"),
    ("::1/128", "::1/128"),
    ("::1", "::1/128"),
    ("2001:db8::1", "2001:db8::1/128"),
    ("fe80::/10", "fe80::/10"),
    ("fc00::/7", "fc00::/7"),
    ("8000::/1", "8000::/1"),
    ("2001:db8:0:0:1::/80", "2001:db8:0:0:1::/80"),
    ("64:ff9b::192.0.2.0/120", "64:ff9b::c000:200/120"),
    // IPv4-mapped: /N with N >= 96 is the IPv4 prefix /(N-96).
    ("::ffff:192.0.2.0/120", "192.0.2.0/24"),
    ("::ffff:10.0.0.0/104", "10.0.0.0/8"),
    ("::ffff:1.2.3.4/128", "1.2.3.4/32"),
    ("::ffff:1.2.3.4", "1.2.3.4/32"),
    ("::ffff:0:0/96", "0.0.0.0/0"),
    ("::ffff:c000:200/120", "192.0.2.0/24"),
    // Below /96 a mapped-looking network stays IPv6.
    ("::/80", "::/80"),
    ("::/95", "::/95"),
  ])
  func parses(text: String, canonical: String) throws {
    let prefix = try AddressPrefix(parsing: text)
    #expect(prefix.description == canonical)
    #expect(try AddressPrefix(parsing: canonical) == prefix)
  }

  @Test(arguments: [
    ("192.0.2.1/24", "host bits are set below /24; write 192.0.2.0/24"),
    ("10.1.0.0/8", "host bits are set below /8; write 10.0.0.0/8"),
    ("1.0.0.0/0", "host bits are set below /0; write 0.0.0.0/0"),
    ("100.64.0.0/9", "host bits are set below /9; write 100.0.0.0/9"),
    ("192.168.1.1/31", "host bits are set below /31; write 192.168.1.0/31"),
    ("2001:db8::1/32", "host bits are set below /32; write 2001:db8::/32"),
    ("2001:db8:1::/31", "host bits are set below /31; write 2001:db8::/31"),
    ("fe80::1/10", "host bits are set below /10; write fe80::/10"),
    ("::1/0", "host bits are set below /0; write ::/0"),
    ("::ffff:192.0.2.1/120", "host bits are set below /120; write 192.0.2.0/24"),
    ("::ffff:0:0/80", "host bits are set below /80; write ::/80"),
    ("::ffff:1.2.3.4/95", "host bits are set below /95; write ::fffe:0:0/95"),
    ("10.0.0.0/33", "prefix length 33 is out of range 0–32"),
    ("10.0.0.0/100", "prefix length 100 is out of range 0–32"),
    ("10.0.0.0/99999999999999999999", "prefix length 99999999999999999999 is out of range 0–32"),
    ("2001:db8::/129", "prefix length 129 is out of range 0–128"),
    ("::ffff:1.2.3.4/129", "prefix length 129 is out of range 0–128"),
    ("10.0.0.0/", "prefix length \"\" is not a decimal number 0–32"),
    ("10.0.0.0/08", "prefix length \"08\" is not a decimal number 0–32"),
    ("10.0.0.0/-8", "prefix length \"-8\" is not a decimal number 0–32"),
    ("10.0.0.0/+8", "prefix length \"+8\" is not a decimal number 0–32"),
    ("10.0.0.0/8 ", "prefix length \"8 \" is not a decimal number 0–32"),
    ("10.0.0.0/8/8", "prefix length \"8/8\" is not a decimal number 0–32"),
    ("10.0.0.0/0x8", "prefix length \"0x8\" is not a decimal number 0–32"),
    ("2001:db8::/3a", "prefix length \"3a\" is not a decimal number 0–128"),
    ("", "not an IPv4 or IPv6 address"),
    ("/8", "not an IPv4 or IPv6 address"),
    ("10/8", "not an IPv4 or IPv6 address"),
    ("10.0.0/24", "not an IPv4 or IPv6 address"),
    ("010.0.0.0/8", "not an IPv4 or IPv6 address"),
    (" 10.0.0.0/8", "not an IPv4 or IPv6 address"),
    ("10.0.0.0 /8", "not an IPv4 or IPv6 address"),
    ("example.com", "not an IPv4 or IPv6 address"),
    ("fe80::%eth0/64", "not an IPv4 or IPv6 address"),
    ("[2001:db8::]/32", "not an IPv4 or IPv6 address"),
    ("2001:db8:::/32", "not an IPv4 or IPv6 address"),
  ])
  func rejects(text: String, reason: String) {
    #expect(throws: AddressPrefixError(text: text, reason: reason)) {
      try AddressPrefix(parsing: text)
    }
  }

  @Test func errorDescriptionQuotesTheInput() {
    let error = AddressPrefixError(
      text: "192.0.2.1/24", reason: "host bits are set below /24; write 192.0.2.0/24")
    #expect(
      error.description == "\"192.0.2.1/24\": host bits are set below /24; write 192.0.2.0/24")
  }

  @Test func memberwiseInitMasksHostBits() {
    let v4 = AddressPrefix(network: IPAddress("192.0.2.77")!, length: 24)
    #expect(v4.network == IPAddress("192.0.2.0"))
    #expect(v4.length == 24)
    #expect(AddressPrefix(network: IPAddress("1.2.3.4")!, length: 0).description == "0.0.0.0/0")
    #expect(AddressPrefix(network: IPAddress("1.2.3.4")!, length: 32).description == "1.2.3.4/32")
    let v6 = AddressPrefix(network: IPAddress("2001:db8:1234::1")!, length: 32)
    #expect(v6.description == "2001:db8::/32")
    #expect(AddressPrefix(network: IPAddress("ff::1")!, length: 0).description == "::/0")
    // A mapped .v6 built by hand is normalized like a parsed one.
    let mapped = AddressPrefix(network: .v6(high: 0, low: 0xffff_c000_0201), length: 120)
    #expect(mapped.description == "192.0.2.0/24")
    #expect(mapped.network == .v4(0xc000_0200))
  }

  @Test(arguments: [
    ("10.0.0.0/8", "10.0.0.0", true),
    ("10.0.0.0/8", "10.255.255.255", true),
    ("10.0.0.0/8", "9.255.255.255", false),
    ("10.0.0.0/8", "11.0.0.0", false),
    ("10.0.0.0/8", "::ffff:10.1.2.3", true),
    ("10.0.0.0/8", "::10.1.2.3", false),
    ("10.0.0.0/8", "a00::", false),
    ("0.0.0.0/0", "255.255.255.255", true),
    ("0.0.0.0/0", "0.0.0.0", true),
    ("0.0.0.0/0", "::", false),
    ("192.0.2.1/32", "192.0.2.1", true),
    ("192.0.2.1/32", "192.0.2.2", false),
    ("192.0.2.0/31", "192.0.2.1", true),
    ("192.0.2.0/31", "192.0.2.2", false),
    ("100.64.0.0/10", "100.63.255.255", false),
    ("100.64.0.0/10", "100.64.0.0", true),
    ("100.64.0.0/10", "100.127.255.255", true),
    ("100.64.0.0/10", "100.128.0.0", false),
    ("::/0", "::", true),
    ("::/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("::/0", "1.2.3.4", false),
    ("::/128", "::", true),
    ("::/128", "::1", false),
    ("2001:db8::/32", "2001:db8::", true),
    ("2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("2001:db8::/32", "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", false),
    ("2001:db8::/32", "2001:db9::", false),
    ("2001:db8:0:0:8000::/65", "2001:db8::8000:0:0:0", true),
    ("2001:db8:0:0:8000::/65", "2001:db8::7fff:ffff:ffff:ffff", false),
    ("2001:db8::/64", "2001:db8::ffff:ffff:ffff:ffff", true),
    ("2001:db8::/64", "2001:db8:0:1::", false),
    ("2001:db8::/63", "2001:db8:0:1::", true),
    ("fe80::/10", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", true),
    ("fe80::/10", "fec0::", false),
    ("::ffff:192.0.2.0/120", "192.0.2.200", true),
    ("::ffff:192.0.2.0/120", "192.0.3.0", false),
    ("2001:db8::1", "2001:db8::1", true),
    ("2001:db8::1", "2001:db8::2", false),
  ])
  func contains(prefix: String, address: String, expected: Bool) throws {
    let block = try AddressPrefix(parsing: prefix)
    let candidate = try #require(IPAddress(address))
    #expect(block.contains(candidate) == expected)
  }

  @Test func everyLengthMasksAndContainsItsNetwork() throws {
    let v4 = try #require(IPAddress("255.255.255.255"))
    let v6 = try #require(IPAddress("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))
    for length in 0...32 {
      let prefix = AddressPrefix(network: v4, length: length)
      #expect(prefix.contains(v4))
      #expect(prefix.contains(prefix.network))
      #expect(try AddressPrefix(parsing: prefix.description) == prefix)
      #expect(length == 0 || !prefix.contains(.v4(0)))
    }
    for length in 0...128 {
      let prefix = AddressPrefix(network: v6, length: length)
      #expect(prefix.contains(v6))
      #expect(prefix.contains(prefix.network))
      #expect(try AddressPrefix(parsing: prefix.description) == prefix)
      #expect(length == 0 || !prefix.contains(.v6(high: 0, low: 0)))
    }
  }
}
