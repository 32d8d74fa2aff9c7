/// A strict reader and writer of one flat JSON object (RFC 8259): string keys, values that are
/// strings, integers, booleans or null. Enough for the plugin's `init_config` and status file,
/// without Foundation. Repeated keys, nesting, fractions and trailing text are errors.
public struct FlatJSONObject: Sendable, Hashable {
  /// Members in the order they were written.
  public private(set) var members: [(key: String, value: FlatJSONValue)]

  public init(_ members: [(key: String, value: FlatJSONValue)] = []) {
    self.members = members
  }

  public subscript(key: String) -> FlatJSONValue? {
    members.first { $0.key == key }?.value
  }

  public static func == (lhs: FlatJSONObject, rhs: FlatJSONObject) -> Bool {
    lhs.members.elementsEqual(rhs.members) { $0.key == $1.key && $0.value == $1.value }
  }

  public func hash(into hasher: inout Hasher) {
    for member in members {
      hasher.combine(member.key)
      hasher.combine(member.value)
    }
  }

  /// Parses `text`, which must hold exactly one object.
  public init(parsing text: String) throws(FlatJSONError) {
    var reader = FlatJSONReader(Array(text.utf8))
    self.init(try reader.readDocument())
  }

  /// The object as compact JSON text, keys in their order.
  public var text: String {
    var out = "{"
    for (index, member) in members.enumerated() {
      if index > 0 { out += "," }
      out += Self.quoted(member.key) + ":"
      switch member.value {
      case .string(let value): out += Self.quoted(value)
      case .integer(let value): out += String(value)
      case .bool(let value): out += value ? "true" : "false"
      case .null: out += "null"
      }
    }
    return out + "}"
  }

  /// `value` as a JSON string literal: quotes, backslashes and control characters (DEL too, so
  /// that a terminal shows none raw) escaped. Every JSON the code writes quotes strings so.
  public static func quoted(_ value: String) -> String {
    var out = "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let digits = Array("0123456789abcdef")
        out +=
          "\\u00" + String(digits[Int(scalar.value >> 4)]) + String(digits[Int(scalar.value & 0xf)])
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

/// Why text is not a flat JSON object; `offset` counts bytes from the start.
public struct FlatJSONError: Error, Sendable, Hashable, CustomStringConvertible {
  public var offset: Int
  public var reason: String

  public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A cursor over the bytes of one document.
private struct FlatJSONReader {
  let bytes: [UInt8]
  var position = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  mutating func readDocument() throws(FlatJSONError) -> [(key: String, value: FlatJSONValue)] {
    skipWhitespace()
    try expect(UInt8(ascii: "{"), "expected an object, starting with {")
    var members: [(key: String, value: FlatJSONValue)] = []
    skipWhitespace()
    if peek == UInt8(ascii: "}") {
      position += 1
    } else {
      while true {
        skipWhitespace()
        let keyOffset = position
        guard peek == UInt8(ascii: "\"") else { throw fail("expected a key in double quotes") }
        let key = try readString()
        if members.contains(where: { $0.key == key }) {
          throw FlatJSONError(offset: keyOffset, reason: "key \"\(key)\" appears twice")
        }
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "expected : after key \"\(key)\"")
        skipWhitespace()
        members.append((key, try readValue()))
        skipWhitespace()
        if peek == UInt8(ascii: ",") {
          position += 1
          continue
        }
        try expect(UInt8(ascii: "}"), "expected , or } after the value of \"\(key)\"")
        break
      }
    }
    skipWhitespace()
    guard position == bytes.count else { throw fail("unexpected text after the object") }
    return members
  }

  private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  private func fail(_ reason: String) -> FlatJSONError {
    FlatJSONError(offset: position, reason: reason)
  }

  private mutating func expect(_ byte: UInt8, _ reason: String) throws(FlatJSONError) {
    guard peek == byte else { throw fail(reason) }
    position += 1
  }

  private mutating func skipWhitespace() {
    while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
      position += 1
    }
  }

  private mutating func readValue() throws(FlatJSONError) -> FlatJSONValue {
    guard let byte = peek else { throw fail("expected a value") }
    switch byte {
    case UInt8(ascii: "\""): return .string(try readString())
    case UInt8(ascii: "t"): return try readWord("true", .bool(true))
    case UInt8(ascii: "f"): return try readWord("false", .bool(false))
    case UInt8(ascii: "n"): return try readWord("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readInteger()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      throw fail("nested objects and arrays are not accepted here")
    default: throw fail("expected a value")
    }
  }

  private mutating func readWord(_ word: String, _ value: FlatJSONValue) throws(FlatJSONError)
    -> FlatJSONValue
  {
    let text = Array(word.utf8)
    guard position + text.count <= bytes.count,
      bytes[position..<position + text.count].elementsEqual(text)
    else { throw fail("expected a value") }
    position += text.count
    return value
  }

  private mutating func readInteger() throws(FlatJSONError) -> FlatJSONValue {
    let start = position
    let negative = peek == UInt8(ascii: "-")
    if negative { position += 1 }
    let digitsStart = position
    var magnitude: UInt64 = 0
    while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
      guard !overflow1, !overflow2 else {
        throw FlatJSONError(offset: start, reason: "number out of range")
      }
      magnitude = sum
      position += 1
    }
    let digits = position - digitsStart
    guard digits > 0 else { throw fail("expected digits") }
    guard digits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else {
      throw FlatJSONError(offset: start, reason: "leading zeros are not JSON")
    }
    if let byte = peek,
      byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
        || byte == UInt8(ascii: "E")
    {
      throw fail("only whole numbers are accepted here")
    }
    let limit = negative ? UInt64(Int64.max) + 1 : UInt64(Int64.max)
    guard magnitude <= limit else {
      throw FlatJSONError(offset: start, reason: "number out of range")
    }
    return .integer(negative ? Int64(truncatingIfNeeded: 0 &- magnitude) : Int64(magnitude))
  }

  private mutating func readString() throws(FlatJSONError) -> String {
    position += 1  // the opening quote
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() throws(FlatJSONError) {
      guard !raw.isEmpty else { return }
      guard let text = String(validating: raw, as: UTF8.self) else {
        throw FlatJSONError(offset: position, reason: "string is not UTF-8")
      }
      scalars.append(contentsOf: text.unicodeScalars)
      raw.removeAll(keepingCapacity: true)
    }
    while true {
      guard let byte = peek else { throw fail("string not closed") }
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        try flush()
        return String(scalars)
      case UInt8(ascii: "\\"):
        try flush()
        scalars.append(try readEscape())
      case 0..<0x20:
        throw FlatJSONError(offset: position - 1, reason: "control character in a string")
      default:
        raw.append(byte)
      }
    }
  }

  private mutating func readEscape() throws(FlatJSONError) -> Unicode.Scalar {
    guard let byte = peek else { throw fail("string not closed") }
    position += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let unit = try readHex4()
      if unit >= 0xD800 && unit < 0xDC00 {
        guard peek == UInt8(ascii: "\\") else { throw fail("lone surrogate in \\u escape") }
        position += 1
        guard peek == UInt8(ascii: "u") else { throw fail("lone surrogate in \\u escape") }
        position += 1
        let low = try readHex4()
        guard low >= 0xDC00 && low < 0xE000 else { throw fail("lone surrogate in \\u escape") }
        return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
      }
      guard let scalar = Unicode.Scalar(unit) else { throw fail("lone surrogate in \\u escape") }
      return scalar
    default:
      throw FlatJSONError(
        offset: position - 1, reason: "unknown escape \\\(Character(UnicodeScalar(byte)))")
    }
  }

  private mutating func readHex4() throws(FlatJSONError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = peek else { throw fail("\\u escape needs four hex digits") }
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw fail("\\u escape needs four hex digits")
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }
}
