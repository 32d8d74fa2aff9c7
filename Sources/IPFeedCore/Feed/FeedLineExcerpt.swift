/// A bad line, quoted safely for a log or a terminal: its number and a short excerpt in which
/// every byte that is not printable ASCII is escaped, so that binary garbage or an HTML page
/// cannot mangle the message that reports it.
public struct FeedLineExcerpt: Sendable, Hashable, CustomStringConvertible {
  public static let maximumBytes = 60

  public var lineNumber: Int
  public var excerpt: String

  public init(lineNumber: Int, excerpt: String) {
    self.lineNumber = lineNumber
    self.excerpt = excerpt
  }

  public init(lineNumber: Int, bytes: Span<UInt8>) {
    var text = ""
    let shown = min(bytes.count, Self.maximumBytes)
    for index in 0..<shown {
      Self.appendEscaped(bytes[index], to: &text)
    }
    if bytes.count > shown { text += "…" }
    self.init(lineNumber: lineNumber, excerpt: text)
  }

  public var description: String { "line \(lineNumber): \"\(excerpt)\"" }

  private static func appendEscaped(_ byte: UInt8, to text: inout String) {
    switch byte {
    case UInt8(ascii: "\t"): text += "\\t"
    case UInt8(ascii: "\""): text += "\\\""
    case UInt8(ascii: "\\"): text += "\\\\"
    case 0x20..<0x7F: text.unicodeScalars.append(Unicode.Scalar(byte))
    default:
      let hex = String(byte, radix: 16, uppercase: false)
      text += "\\x" + (byte < 0x10 ? "0" + hex : hex)
    }
  }
}
