/// A network prefix (CIDR block) such as `10.0.0.0/8` or `2001:db8::/32`.
///
/// The network address has its host bits zero. An IPv4-mapped IPv6 prefix
/// (`::ffff:a.b.c.d/N`, N ≥ 96) is stored as the IPv4 prefix `a.b.c.d/(N-96)`.
public struct AddressPrefix: Hashable, Sendable, CustomStringConvertible {
  /// The first address of the block; host bits are zero.
  public let network: IPAddress
  /// 0...32 for IPv4, 0...128 for IPv6.
  public let length: Int

  /// A prefix from an address and a length; host bits of `network` are cleared.
  ///
  /// - Precondition: `length` is in 0...32 for IPv4 and 0...128 for IPv6.
  public init(network: IPAddress, length: Int) {
    switch network {
    case .v4(let value):
      precondition((0...32).contains(length), "IPv4 prefix length \(length) is out of range 0–32")
      self.init(v4: value, length: length)
    case .v6:
      precondition(
        (0...128).contains(length), "IPv6 prefix length \(length) is out of range 0–128")
      self.init(v6: network.v6Value, length: length)
    }
  }

  private init(v4 value: UInt32, length: Int) {
    network = .v4(value & Self.mask32(length))
    self.length = length
  }

  /// An IPv6 prefix; an IPv4-mapped one of length 96 or more becomes the IPv4 prefix.
  private init(v6 value: UInt128, length: Int) {
    if length >= 96 && value >> 32 == IPAddress.mappedPrefix >> 32 {
      network = .v4(UInt32(truncatingIfNeeded: value) & Self.mask32(length - 96))
      self.length = length - 96
    } else {
      // Below /96 the mask clears bit 32, so the network is never an IPv4-mapped address.
      network = IPAddress(v6: value & Self.mask128(length))
      self.length = length
    }
  }

  /// Parses `"10.0.0.0/8"`, `"2001:db8::/32"`, or a bare address (a /32 or /128 prefix).
  ///
  /// Strict: host bits set below the length are an error that names the corrected form, so that
  /// a typo cannot silently widen or narrow the block.
  public init(parsing text: String) throws(AddressPrefixError) {
    let bytes = text.utf8.span
    var slash = bytes.count
    for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "/") {
      slash = index
      break
    }
    guard let literal = IPAddress.parseLiteral(bytes.extracting(0..<slash)) else {
      throw AddressPrefixError(text: text, reason: "not an IPv4 or IPv6 address")
    }
    let maximum: Int
    switch literal {
    case .v4: maximum = 32
    case .v6: maximum = 128
    }

    var length = maximum
    if slash < bytes.count {
      let lengthText = String(decoding: text.utf8.dropFirst(slash + 1), as: UTF8.self)
      guard let value = Self.parseLength(bytes.extracting((slash + 1)..<bytes.count)) else {
        throw AddressPrefixError(
          text: text,
          reason: "prefix length \"\(lengthText)\" is not a decimal number 0–\(maximum)")
      }
      guard value <= maximum else {
        throw AddressPrefixError(
          text: text, reason: "prefix length \(lengthText) is out of range 0–\(maximum)")
      }
      length = value
    }

    let hostBitsSet: Bool
    switch literal {
    case .v4(let value):
      self.init(v4: value, length: length)
      hostBitsSet = value & Self.mask32(length) != value
    case .v6(let value):
      self.init(v6: value, length: length)
      hostBitsSet = value & Self.mask128(length) != value
    }
    if hostBitsSet {
      throw AddressPrefixError(
        text: text, reason: "host bits are set below /\(length); write \(self)")
    }
  }

  /// Whether `address` lies in this block; always false across address families.
  public func contains(_ address: IPAddress) -> Bool {
    switch (network, address) {
    case (.v4(let network), .v4(let value)):
      return value & Self.mask32(length) == network
    case (.v6, .v6):
      return address.v6Value & Self.mask128(length) == network.v6Value
    default:
      return false
    }
  }

  /// The canonical `network/length`.
  public var description: String {
    "\(network)/\(length)"
  }

  // MARK: - Helpers

  /// The mask for an IPv4 prefix of `length` bits.
  static func mask32(_ length: Int) -> UInt32 {
    UInt32.max << UInt32(32 - length)
  }

  /// The mask for an IPv6 prefix of `length` bits.
  static func mask128(_ length: Int) -> UInt128 {
    UInt128.max << UInt128(128 - length)
  }

  /// A decimal without sign or leading zeros, at most 3 digits (anything longer is out of
  /// range for every family, so it is read as 999).
  private static func parseLength(_ bytes: Span<UInt8>) -> Int? {
    let count = bytes.count
    guard count > 0 else { return nil }
    guard count == 1 || bytes[0] != UInt8(ascii: "0") else { return nil }
    var value = 0
    for index in 0..<count {
      let digit = bytes[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = min(value * 10 + Int(digit), 999)
    }
    return value
  }
}

/// A prefix that could not be parsed, with the input and what to do about it.
public struct AddressPrefixError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The bad input, as written.
  public let text: String
  /// What is wrong, e.g. `host bits are set below /24; write 192.0.2.0/24`.
  public let reason: String

  public init(text: String, reason: String) {
    self.text = text
    self.reason = reason
  }

  /// `"192.0.2.1/24": host bits are set below /24; write 192.0.2.0/24`
  public var description: String {
    "\"\(text)\": \(reason)"
  }
}
