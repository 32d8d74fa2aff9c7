import FuzzSupport
import Glibc
import IPFeedCore

/// The address parser against arbitrary bytes. Besides the canonical round trip, glibc's
/// `inet_pton` is the oracle: the parser accepts exactly the texts that `inet_pton` accepts
/// (AF_INET6 when the text has a colon, AF_INET otherwise), and reads the same 32 or 128 bits.
enum AddressHarness {
  static func check(_ bytes: [UInt8]) {
    let parsed = IPAddress(ascii: bytes.span)
    if let parsed { AddressProperties.checkCanonical(parsed) }
    // inet_pton reads a C string: an input with a NUL byte means something else to it.
    guard !bytes.contains(0) else {
      fuzzRequire(parsed == nil, "accepted an address with a NUL byte")
      return
    }
    let expected = glibcParse(bytes)
    fuzzRequire(
      parsed == expected,
      "\(String(decoding: bytes, as: UTF8.self).debugDescription): parser says "
        + "\(parsed?.description ?? "invalid"), inet_pton says \(expected?.description ?? "invalid")"
    )
  }
}

/// What glibc reads from `bytes`, as an `IPAddress` (IPv4-mapped IPv6 as IPv4, like the parser).
private func glibcParse(_ bytes: [UInt8]) -> IPAddress? {
  let text = bytes.map { CChar(bitPattern: $0) } + [0]
  if bytes.contains(UInt8(ascii: ":")) {
    var value = in6_addr()
    guard inet_pton(AF_INET6, text, &value) == 1 else { return nil }
    let octets = withUnsafeBytes(of: value) { Array($0) }
    let high = octets[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    let low = octets[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    if high == 0, low >> 32 == 0xffff {
      return .v4(UInt32(truncatingIfNeeded: low))
    }
    return .v6(high: high, low: low)
  }
  var value = in_addr()
  guard inet_pton(AF_INET, text, &value) == 1 else { return nil }
  return .v4(UInt32(bigEndian: value.s_addr))
}
