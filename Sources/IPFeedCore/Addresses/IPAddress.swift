/// An IPv4 or IPv6 address, stored as integers.
///
/// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) are parsed as `.v4`, so that they compare and
/// print as the IPv4 address they stand for. Construct `.v6` directly only with non-mapped
/// values; the parsers never produce a mapped `.v6`.
///
/// Ordering: every IPv4 address comes before every IPv6 address; within a family, numeric order.
public enum IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
  case v4(UInt32)
  case v6(high: UInt64, low: UInt64)

  /// Strict parse of ASCII bytes, without allocation.
  ///
  /// IPv4: exactly four decimal parts 0–255, no leading zeros. IPv6: every RFC 4291 text form
  /// (hex groups, one `::`, embedded IPv4 in the last 32 bits); no zone id, brackets or prefix
  /// length. No surrounding whitespace.
  public init?(ascii bytes: Span<UInt8>) {
    switch Self.parseLiteral(bytes) {
    case .v4(let value)?: self = .v4(value)
    case .v6(let value)?: self.init(v6: value)
    case nil: return nil
    }
  }

  /// Parses `text` with the same rules as ``init(ascii:)``.
  public init?(_ text: String) {
    self.init(ascii: text.utf8.span)
  }

  /// The canonical text: a dotted quad for IPv4, RFC 5952 for IPv6.
  public var description: String {
    var text: [UInt8] = []
    text.reserveCapacity(39)
    appendText(to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// The longest canonical text: a full IPv6 address, eight groups of four digits.
  public static let maximumTextBytes = 39

  /// Appends the canonical text as ASCII bytes: what `description` says, without a `String`,
  /// for writing 120,000 addresses into a file.
  public func appendText(to text: inout [UInt8]) {
    text.append(addingCapacity: Self.maximumTextBytes) { appendText(to: &$0) }
  }

  /// Appends the canonical text to an output span with room for `maximumTextBytes` more: one
  /// capacity check per address instead of one per byte.
  public func appendText(to text: inout OutputSpan<UInt8>) {
    switch self {
    case .v4(let value):
      appendDecimal(UInt8(truncatingIfNeeded: value >> 24), to: &text)
      text.append(dot)
      appendDecimal(UInt8(truncatingIfNeeded: value >> 16), to: &text)
      text.append(dot)
      appendDecimal(UInt8(truncatingIfNeeded: value >> 8), to: &text)
      text.append(dot)
      appendDecimal(UInt8(truncatingIfNeeded: value), to: &text)
    case .v6:
      Self.appendCanonicalIPv6(v6Value, to: &text)
    }
  }

  public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
    switch (lhs, rhs) {
    case (.v4(let left), .v4(let right)):
      return left < right
    case (.v4, .v6):
      return true
    case (.v6, .v4):
      return false
    case (.v6(let leftHigh, let leftLow), .v6(let rightHigh, let rightLow)):
      return (leftHigh, leftLow) < (rightHigh, rightLow)
    }
  }
}

// MARK: - Internal helpers shared with AddressPrefix

extension IPAddress {
  /// An address literal as written, before IPv4-mapped addresses are turned into `.v4`.
  enum Literal: Equatable {
    case v4(UInt32)
    case v6(UInt128)
  }

  /// `::ffff:0:0/96`, the IPv4-mapped block, as a 128-bit value.
  static let mappedPrefix: UInt128 = 0xffff << 32

  /// An IPv6 value; IPv4-mapped values become `.v4`.
  init(v6 value: UInt128) {
    if value >> 32 == 0xffff {
      self = .v4(UInt32(truncatingIfNeeded: value))
    } else {
      self = .v6(
        high: UInt64(truncatingIfNeeded: value >> 64), low: UInt64(truncatingIfNeeded: value))
    }
  }

  /// The 128-bit value of an IPv6 address; for IPv4, its IPv4-mapped IPv6 value.
  var v6Value: UInt128 {
    switch self {
    case .v4(let value):
      return Self.mappedPrefix | UInt128(value)
    case .v6(let high, let low):
      return UInt128(high) << 64 | UInt128(low)
    }
  }

  /// Parses an address literal, keeping the family it was written in.
  static func parseLiteral(_ bytes: Span<UInt8>) -> Literal? {
    let count = bytes.count
    guard count > 0 else { return nil }
    // Nearly every feed address is IPv4: try that first, and look for a colon only when it
    // fails (a dotted quad holds none, so no IPv6 text parses as IPv4).
    if let ipv4 = parseIPv4(bytes, from: 0, to: count) { return .v4(ipv4) }
    var index = 0
    while index < count && bytes[index] != colon { index += 1 }
    guard index < count else { return nil }
    return parseIPv6(bytes).map(Literal.v6)
  }

  /// Strict dotted quad in `bytes[start..<end]`.
  static func parseIPv4(_ bytes: Span<UInt8>, from start: Int, to end: Int) -> UInt32? {
    guard let quad = parseDottedQuad(bytes, from: start, to: end), quad.end == end else {
      return nil
    }
    return quad.value
  }

  /// A strict dotted quad at the start of `bytes[start..<end]`, and where it ends: for a
  /// parser that reads on from there.
  ///
  /// Each part is read as at most three digits, and a leading `0` as a part of its own: a
  /// fourth digit or a digit after a leading zero is then where a dot or the end must be.
  /// Inlined: the feed parser's loop calls it once a line.
  @inline(__always)
  static func parseDottedQuad(
    _ bytes: Span<UInt8>, from start: Int, to end: Int
  ) -> (value: UInt32, end: Int)? {
    var index = start
    var result: UInt32 = 0
    for part in 0..<4 {
      if part > 0 {
        guard index < end, bytes[index] == dot else { return nil }
        index += 1
      }
      guard index < end else { return nil }
      let first = bytes[index] &- zero
      guard first < 10 else { return nil }
      index += 1
      var value = UInt32(first)
      if first != 0 {
        var more = 0
        while more < 2, index < end {
          let digit = bytes[index] &- zero
          guard digit < 10 else { break }
          value = value * 10 + UInt32(digit)
          index += 1
          more += 1
        }
        guard value <= 255 else { return nil }
      }
      result = result << 8 | value
    }
    return (result, index)
  }

  /// RFC 4291 text form, the whole of `bytes`.
  static func parseIPv6(_ bytes: Span<UInt8>) -> UInt128? {
    let count = bytes.count
    guard count >= 2 else { return nil }
    var head: UInt128 = 0
    var headGroups = 0
    var tail: UInt128 = 0
    var tailGroups = 0
    var compressed = false
    var index = 0

    if bytes[0] == colon {
      guard bytes[1] == colon else { return nil }
      compressed = true
      index = 2
    }

    while index < count {
      let groupStart = index
      var group: UInt128 = 0
      while index < count, let digit = hexDigit(bytes[index]) {
        guard index - groupStart < 4 else { return nil }
        group = group << 4 | UInt128(digit)
        index += 1
      }
      var width = 1
      if index < count, bytes[index] == dot {
        // Embedded IPv4: the rest of the input, the last 32 bits.
        guard let ipv4 = parseIPv4(bytes, from: groupStart, to: count) else { return nil }
        group = UInt128(ipv4)
        width = 2
        index = count
      } else if index == groupStart {
        return nil
      }
      if compressed {
        tail = tail << (16 * width) | group
        tailGroups += width
      } else {
        head = head << (16 * width) | group
        headGroups += width
      }
      guard headGroups + tailGroups <= 8 else { return nil }
      if index == count { break }
      guard bytes[index] == colon else { return nil }
      index += 1
      guard index < count else { return nil }  // trailing single colon
      if bytes[index] == colon {
        guard !compressed else { return nil }
        compressed = true
        index += 1
      }
    }

    if compressed {
      // "::" stands for at least one group.
      guard headGroups + tailGroups <= 7 else { return nil }
      return head << (16 * (8 - headGroups)) | tail
    }
    return headGroups == 8 ? head : nil
  }

  /// The decimal text of each octet value, for writing dotted quads by table: up to three ASCII
  /// digits from the low byte up, the digit count in the top byte.
  static let decimalOctets: [UInt32] = (0..<256).map { (octet: UInt32) in
    switch octet {
    case 100...:
      return 3 << 24 | (0x30 + octet % 10) << 16 | (0x30 + octet / 10 % 10) << 8
        | (0x30 + octet / 100)
    case 10...: return 2 << 24 | (0x30 + octet % 10) << 8 | (0x30 + octet / 10)
    default: return 1 << 24 | (0x30 + octet)
    }
  }

  /// Writes the dotted quad of `value` into `text` from `offset` and returns the offset after
  /// it: what `appendText` appends, by index into a span whose room the caller has made (15
  /// bytes, and 2 beyond the text that it may scribble on and the caller writes over).
  /// `octets` is `decimalOctets`, looked up once by the caller for many addresses.
  @inline(__always)
  static func writeDottedQuad(
    _ value: UInt32, to text: inout MutableSpan<UInt8>, at offset: Int, octets: Span<UInt32>
  ) -> Int {
    // One check of the room, so that the stores below need none of their own.
    precondition(offset >= 0 && offset &+ 17 <= text.count)
    var index = offset
    index = writeOctet(value >> 24, to: &text, at: index, octets: octets)
    text[index] = dot
    index = writeOctet(value >> 16, to: &text, at: index &+ 1, octets: octets)
    text[index] = dot
    index = writeOctet(value >> 8, to: &text, at: index &+ 1, octets: octets)
    text[index] = dot
    return writeOctet(value, to: &text, at: index &+ 1, octets: octets)
  }

  /// Three bytes written, as many kept as the octet has digits.
  @inline(__always)
  private static func writeOctet(
    _ value: UInt32, to text: inout MutableSpan<UInt8>, at index: Int, octets: Span<UInt32>
  ) -> Int {
    let digits = octets[Int(truncatingIfNeeded: value & 0xff)]
    text[index] = UInt8(truncatingIfNeeded: digits)
    text[index &+ 1] = UInt8(truncatingIfNeeded: digits >> 8)
    text[index &+ 2] = UInt8(truncatingIfNeeded: digits >> 16)
    return index &+ Int(truncatingIfNeeded: digits >> 24)
  }

  /// RFC 5952: lowercase, no leading zeros, the first longest run of two or more zero groups
  /// compressed to `::`.
  static func appendCanonicalIPv6(_ value: UInt128, to text: inout OutputSpan<UInt8>) {
    // The eight groups taken out once, from two 64-bit halves: no 128-bit shift per look.
    let high = UInt64(truncatingIfNeeded: value >> 64)
    let low = UInt64(truncatingIfNeeded: value)
    var groups = InlineArray<8, UInt16>(repeating: 0)
    for index in 0..<4 {
      groups[index] = UInt16(truncatingIfNeeded: high >> UInt64(48 - 16 * index))
      groups[index + 4] = UInt16(truncatingIfNeeded: low >> UInt64(48 - 16 * index))
    }
    var bestStart = -1
    var bestLength = 1
    var runStart = -1
    for index in 0..<8 {
      if groups[index] == 0 {
        if runStart < 0 { runStart = index }
        let runLength = index - runStart + 1
        if runLength > bestLength {
          bestStart = runStart
          bestLength = runLength
        }
      } else {
        runStart = -1
      }
    }

    var index = 0
    while index < 8 {
      if index == bestStart {
        text.append(colon)
        text.append(colon)
        index += bestLength
        continue
      }
      if index > 0 && index != bestStart + bestLength {
        text.append(colon)
      }
      appendHex(groups[index], to: &text)
      index += 1
    }
  }

}

private let zero = UInt8(ascii: "0")
private let dot = UInt8(ascii: ".")
private let colon = UInt8(ascii: ":")

private func hexDigit(_ byte: UInt8) -> UInt8? {
  switch byte {
  case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
  case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
  case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
  default: nil
  }
}

private func appendDecimal(_ value: UInt8, to text: inout OutputSpan<UInt8>) {
  if value >= 100 { appendDigit(value / 100, to: &text) }
  if value >= 10 { appendDigit(value / 10 % 10, to: &text) }
  appendDigit(value % 10, to: &text)
}

private func appendHex(_ value: UInt16, to text: inout OutputSpan<UInt8>) {
  // As many digits as the value needs, at least one: no loop looking for the first.
  var shift = (15 - (value | 1).leadingZeroBitCount) & ~3
  while shift >= 0 {
    appendDigit(UInt8(truncatingIfNeeded: value >> UInt16(shift)) & 0xf, to: &text)
    shift -= 4
  }
}

private func appendDigit(_ digit: UInt8, to text: inout OutputSpan<UInt8>) {
  let ascii = digit < 10 ? UInt8(ascii: "0") &+ digit : UInt8(ascii: "a") &+ digit &- 10
  text.append(ascii)
}
