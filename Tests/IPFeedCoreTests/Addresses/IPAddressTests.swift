import Testing

@testable import IPFeedCore

@Suite struct IPAddressTests {
  // MARK: - IPv4

  @Test(arguments: [
    ("0.0.0.0", "0.0.0.0", UInt32(0)),
    ("1.2.3.4", "1.2.3.4", 0x0102_0304),
    ("255.255.255.255", "255.255.255.255", 0xffff_ffff),
    ("10.0.0.1", "10.0.0.1", 0x0a00_0001),
    ("192.168.100.200", "192.168.100.200", 0xc0a8_64c8),
    ("9.99.199.249", "9.99.199.249", 0x0963_c7f9),
  ])
  func acceptsIPv4(text: String, canonical: String, value: UInt32) throws {
    let address = try #require(IPAddress(text))
    #expect(address == .v4(value))
    #expect(address.description == canonical)
  }

  @Test(arguments: [
    "", "1", "1.2", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4.",
    "01.2.3.4", "1.02.3.4", "1.2.3.00", "00.0.0.0", "256.0.0.0", "1.2.3.256", "999.1.1.1",
    "1000.1.1.1", "0001.1.1.1", "99999999999.1.1.1", "0x1.2.3.4", "0x01020304", "16909060",
    "1.2.3.0x4", "+1.2.3.4", "-1.2.3.4", "1.-2.3.4", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4\n",
    "1. 2.3.4", "1.2.3.4/32", "1.2.3.4/24", "a.b.c.d", "1.2.3.4a", "1,2,3,4", "١.٢.٣.٤",
    "1.2.3.4\u{0}",
  ])
  func rejectsIPv4(text: String) {
    #expect(IPAddress(text) == nil)
  }

  // MARK: - IPv6

  @Test(arguments: [
    // RFC 5952 examples
    ("2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
    ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
    ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
    ("2001:db8::0:1", "2001:db8::1"),
    ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
    ("2001:DB8::AbCd:EF", "2001:db8::abcd:ef"),
    ("2001:0DB8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"),
    ("2001:db8::1:0:0:1", "2001:db8::1:0:0:1"),
    ("2001:db8:0000:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
    ("::", "::"),
    ("::1", "::1"),
    ("1::", "1::"),
    ("0:0:0:0:0:0:0:0", "::"),
    ("0:0:0:0:0:0:0:1", "::1"),
    ("0000:0000:0000:0000:0000:0000:0000:0001", "::1"),
    ("1:0:0:0:0:0:0:0", "1::"),
    ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"),
    ("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    ("FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
    // "::" standing for a single group is accepted; the canonical form does not use it.
    ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"),
    ("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
    ("1:2:3::5:6:7:8", "1:2:3:0:5:6:7:8"),
    ("1:0:3:4:5:6:7:8", "1:0:3:4:5:6:7:8"),
    // Longest run wins; the first when tied.
    ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
    ("1:0:0:2:3:0:0:4", "1::2:3:0:0:4"),
    ("0:0:1:0:0:2:0:0", "::1:0:0:2:0:0"),
    ("1:0:0:0:2:0:0:0", "1::2:0:0:0"),
    ("0:0:0:1:0:0:0:0", "0:0:0:1::"),
    ("fe80::1", "fe80::1"),
    ("fe80:0:0:0:0204:61ff:fe9d:f156", "fe80::204:61ff:fe9d:f156"),
    ("2001:db8:85a3::8a2e:370:7334", "2001:db8:85a3::8a2e:370:7334"),
    ("0db8::", "db8::"),
    ("2001:db8::", "2001:db8::"),
    ("2001:db8:0:0:0:0:0:0", "2001:db8::"),
    // Embedded IPv4 (not mapped): printed as hex groups.
    ("64:ff9b::192.0.2.1", "64:ff9b::c000:201"),
    ("::1.2.3.4", "::102:304"),
    ("::0.0.0.1", "::1"),
    ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
    ("1::255.255.255.255", "1::ffff:ffff"),
    ("::fffe:1.2.3.4", "::fffe:102:304"),
    ("::1:ffff:1.2.3.4", "::1:ffff:102:304"),
    ("ffff::1.2.3.4", "ffff::102:304"),
  ])
  func acceptsIPv6(text: String, canonical: String) throws {
    let address = try #require(IPAddress(text))
    guard case .v6 = address else {
      Issue.record("\(text) parsed as \(address), not IPv6")
      return
    }
    #expect(address.description == canonical)
    #expect(IPAddress(canonical) == address)
  }

  @Test func ipv6Values() {
    #expect(IPAddress("::") == .v6(high: 0, low: 0))
    #expect(IPAddress("::1") == .v6(high: 0, low: 1))
    #expect(IPAddress("1::") == .v6(high: 0x0001_0000_0000_0000, low: 0))
    #expect(
      IPAddress("2001:db8::2:1") == .v6(high: 0x2001_0db8_0000_0000, low: 0x0000_0000_0002_0001))
    #expect(
      IPAddress("1:2:3:4:5:6:7:8") == .v6(high: 0x0001_0002_0003_0004, low: 0x0005_0006_0007_0008))
    #expect(IPAddress("64:ff9b::192.0.2.1") == .v6(high: 0x0064_ff9b_0000_0000, low: 0xc000_0201))
  }

  @Test(arguments: [
    ":", ":::", "::::", "1:::2", ":::1", "1:::", ":1", "1:", ":1::", "::1:", "1::2:",
    ":1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
    "1:2:3:4::5:6:7:8", "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::", "1::2::3", "::1::", "1::2:3::",
    "12345::", "::12345", "00000::1", "1:2:3:4:5:6:7:00000", "g::", "::g", "2001:db8::xyz",
    "fe80::1%eth0", "fe80::1%1", "[::1]", "[2001:db8::1]", "::1/128", "2001:db8::/32",
    " ::1", "::1 ", "::1\t", ": :1", "1 ::", "+1::", "-1::", "0x1::",
    // Embedded IPv4 with strict rules, in the last 32 bits only.
    "::1.2.3", "::1.2.3.4.5", "::01.2.3.4", "::1.2.3.256", "::256.1.1.1", "::1.2.3.4:5",
    "1.2.3.4::", "::1.2.3.4::", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7:8:1.2.3.4",
    "1:2:3:4:5:1.2.3.4", "::ffff:1.2.3.04", "::ffff:1.2.3.0x4", "::ffff:a1.2.3.4",
    "::ffff:1234.1.1.1", "::1.2.3.4/32", "1:2:3:4:5:6::1.2.3.4", "::1.2.3.", "::.1.2.3.4",
  ])
  func rejectsIPv6(text: String) {
    #expect(IPAddress(text) == nil)
  }

  // MARK: - IPv4-mapped IPv6

  @Test(arguments: [
    ("::ffff:1.2.3.4", UInt32(0x0102_0304)),
    ("::FFFF:1.2.3.4", 0x0102_0304),
    ("::ffff:0102:0304", 0x0102_0304),
    ("::ffff:102:304", 0x0102_0304),
    ("0:0:0:0:0:ffff:1.2.3.4", 0x0102_0304),
    ("0:0:0:0:0:ffff:102:304", 0x0102_0304),
    ("0000:0000:0000:0000:0000:ffff:0a00:0001", 0x0a00_0001),
    ("::ffff:0.0.0.0", 0),
    ("::ffff:0:0", 0),
    ("::ffff:255.255.255.255", 0xffff_ffff),
    ("::ffff:ffff:ffff", 0xffff_ffff),
    ("0::ffff:203.0.113.7", 0xcb00_7107),
  ])
  func mappedBecomesIPv4(text: String, value: UInt32) throws {
    let address = try #require(IPAddress(text))
    #expect(address == .v4(value))
    #expect(address == IPAddress(address.description))
    #expect(!address.description.contains(":"))
  }

  // MARK: - Span entry point

  @Test func parsesSpanOfALargerBuffer() {
    let line: [UInt8] = Array("203.0.113.7\t6\n2001:db8::1\t3\n".utf8)
    let span = line.span
    #expect(IPAddress(ascii: span.extracting(0..<11)) == .v4(0xcb00_7107))
    #expect(IPAddress(ascii: span.extracting(0..<12)) == nil)
    #expect(IPAddress(ascii: span.extracting(14..<25)) == IPAddress("2001:db8::1"))
    #expect(IPAddress(ascii: span.extracting(14..<26)) == nil)
    #expect(IPAddress(ascii: span.extracting(0..<0)) == nil)
  }

  @Test func rejectsNonASCIIBytes() {
    let bytes: [UInt8] = [0x31, 0x2e, 0x32, 0x2e, 0x33, 0x2e, 0xb4]
    #expect(IPAddress(ascii: bytes.span) == nil)
    let v6: [UInt8] = [0x3a, 0x3a, 0xc1]
    #expect(IPAddress(ascii: v6.span) == nil)
  }

  // MARK: - Ordering

  @Test(arguments: [
    ("9.0.0.0", "10.0.0.0"),
    ("1.2.3.4", "1.2.3.5"),
    ("1.2.3.255", "1.2.4.0"),
    ("2.0.0.0", "10.0.0.0"),
    ("99.255.255.255", "100.0.0.0"),
    ("127.255.255.255", "128.0.0.0"),
    ("0.0.0.0", "255.255.255.255"),
    ("255.255.255.255", "::"),
    ("255.255.255.255", "::1"),
    ("1.2.3.4", "::1.2.3.4"),
    ("::ffff:9.0.0.0", "10.0.0.0"),
    ("::", "::1"),
    ("::1", "::2"),
    ("::9", "::10"),
    ("::ffff:ffff", "1::"),
    ("::1:0:0:0", "1::"),
    ("0:0:0:1::", "1::"),
    ("9::", "10::"),
    ("ff::", "100::"),
    ("2001:db8::", "2001:db8::1"),
    ("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::"),
    ("7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "8000::"),
    ("fe80::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
  ])
  func ordering(smaller: String, larger: String) throws {
    let small = try #require(IPAddress(smaller))
    let large = try #require(IPAddress(larger))
    #expect(small < large)
    #expect(!(large < small))
    #expect(small != large)
  }

  @Test func sortsNumerically() {
    let texts = ["::1", "10.0.0.0", "9.0.0.0", "2001:db8::", "100.0.0.1", "1.1.1.1", "::"]
    let sorted = texts.compactMap(IPAddress.init).sorted().map(\.description)
    #expect(sorted == ["1.1.1.1", "9.0.0.0", "10.0.0.0", "100.0.0.1", "::", "::1", "2001:db8::"])
  }

  @Test func hashingMatchesEquality() {
    let set: Set<IPAddress> = [
      IPAddress("1.2.3.4")!, IPAddress("::ffff:1.2.3.4")!, IPAddress("::FFFF:0102:0304")!,
      IPAddress("2001:db8::1")!, IPAddress("2001:0DB8:0:0:0:0:0:1")!,
    ]
    #expect(set.count == 2)
  }

  // MARK: - Round trip over generated addresses

  @Test func roundTripsGeneratedIPv4() throws {
    var random = LinearCongruential(seed: 0x1234_5678)
    for _ in 0..<5000 {
      let value = UInt32(truncatingIfNeeded: random.next())
      let address = IPAddress.v4(value)
      let text = address.description
      #expect(text == dottedQuad(value))
      #expect(IPAddress(text) == address, "\(text)")
      #expect(IPAddress("::ffff:" + text) == address, "\(text)")
    }
  }

  @Test func roundTripsGeneratedIPv6() throws {
    var random = LinearCongruential(seed: 0xfeed_face)
    for _ in 0..<5000 {
      // Many zero groups, so that runs of every length and position occur.
      var groups: [UInt16] = []
      for _ in 0..<8 {
        let draw = random.next()
        groups.append(draw % 2 == 0 ? 0 : UInt16(truncatingIfNeeded: draw >> 16))
      }
      let value = groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
      let high = UInt64(truncatingIfNeeded: value >> 64)
      let low = UInt64(truncatingIfNeeded: value)
      let isMapped = high == 0 && low >> 32 == 0xffff
      let expected: IPAddress =
        isMapped ? .v4(UInt32(truncatingIfNeeded: low)) : .v6(high: high, low: low)

      // Every spelling parses to the same address.
      let full = groups.map { hex($0, width: 4) }.joined(separator: ":")
      let upper = full.uppercased()
      let short = groups.map { hex($0, width: 1) }.joined(separator: ":")
      #expect(IPAddress(full) == expected, "\(full)")
      #expect(IPAddress(upper) == expected, "\(upper)")
      #expect(IPAddress(short) == expected, "\(short)")

      guard !isMapped else { continue }
      let address = IPAddress.v6(high: high, low: low)
      let text = address.description
      #expect(text == referenceRFC5952(groups), "\(full)")
      #expect(IPAddress(text) == address, "\(text)")
      let embedded =
        groups[0..<6].map { hex($0, width: 1) }.joined(separator: ":") + ":"
        + dottedQuad(UInt32(groups[6]) << 16 | UInt32(groups[7]))
      #expect(IPAddress(embedded) == address, "\(embedded)")
    }
  }
}

// MARK: - Test helpers

/// A deterministic pseudo-random sequence (Knuth's MMIX LCG), high bits out.
private struct LinearCongruential {
  private var state: UInt64

  init(seed: UInt64) {
    state = seed
  }

  mutating func next() -> UInt32 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return UInt32(truncatingIfNeeded: state >> 32)
  }
}

private func dottedQuad(_ value: UInt32) -> String {
  [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xff) }.joined(separator: ".")
}

private func hex(_ value: UInt16, width: Int) -> String {
  let digits = String(value, radix: 16)
  return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// RFC 5952 written the obvious way: try to replace each longest zero run, leftmost first.
private func referenceRFC5952(_ groups: [UInt16]) -> String {
  var best: Range<Int>?
  for start in 0..<7 {
    for end in (start + 2)...8 where groups[start..<end].allSatisfy({ $0 == 0 }) {
      if end - start > (best?.count ?? 0) { best = start..<end }
    }
  }
  let parts = groups.map { String($0, radix: 16) }
  guard let best else { return parts.joined(separator: ":") }
  return parts[..<best.lowerBound].joined(separator: ":") + "::"
    + parts[best.upperBound...].joined(separator: ":")
}
