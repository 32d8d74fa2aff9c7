/// A source's URL, parsed once: `https://`, `http://` or `file:///` (the scheme in any case).
///
/// The URL may carry credentials, in its user info (`https://user:token@host/…`) or its query
/// (`…?api_key=…`). `text` is for the fetch alone; everything shown to people (log lines, error
/// messages, STATUS, the journal, reports, the rules file's header) uses `redacted`, which is also
/// the `description`, so that interpolating a `FeedURL` never prints a secret.
public struct FeedURL: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
  public enum Scheme: String, Sendable, Hashable, CaseIterable {
    case https, http, file
  }

  /// The forms a source's `url` takes, for messages that ask for one.
  public static let forms = "https://…, http://…, file:///… or an absolute path"

  /// The URL to fetch: as written, with the scheme in lowercase. Holds the credentials.
  public let text: String
  public let scheme: Scheme
  /// `user:password` before the host, when present.
  public let userInfo: String?
  /// The host name or address (`[…]` for IPv6); empty for `file:///`.
  public let host: String
  /// The port written in the URL, when one is.
  public let port: Int?
  /// The path as written (percent-encoded), starting with `/`, or empty.
  public let path: String
  /// The text after `?`, when present.
  public let query: String?

  /// Parses `text` as a source URL; an absolute path becomes a `file://` URL.
  public init(parsing text: String) throws(TextValueError) {
    func failure(_ problem: String) -> TextValueError {
      // The message quotes the text as written, unless that would show a secret.
      TextValueError(
        text: Parts(text).hasCredentials ? Self.redacting(text) : text, problem: problem)
    }
    guard !text.isEmpty else { throw failure("a source needs a URL") }
    if text.hasPrefix("/") {
      self.init(filePath: text)
      return
    }
    guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
    else { throw failure("a URL cannot hold spaces or control characters (write a space as %20)") }
    let parts = Parts(text)
    guard let schemeText = parts.scheme else { throw failure("not a URL: write \(Self.forms)") }
    guard let scheme = Scheme(rawValue: schemeText.lowercased()) else {
      throw failure("the scheme \"\(schemeText)\" is not supported: use https, http or file")
    }
    guard let authority = parts.authority else {
      throw failure(
        "not a URL: write \(scheme.rawValue):// and then the host (or, for a file, its path)")
    }
    var hostAndPort = Substring(authority)
    var userInfo: String?
    if let at = authority.lastIndex(of: "@") {
      userInfo = String(authority[..<at])
      hostAndPort = authority[authority.index(after: at)...]
    }
    let (host, portText) = Self.splitPort(hostAndPort)
    var port: Int?
    if let portText {
      guard let number = Int(portText), (1...65535).contains(number), portText.allSatisfy(\.isASCII)
      else { throw failure("the port \"\(portText)\" is not a number from 1 to 65535") }
      port = number
    }
    switch scheme {
    case .https, .http:
      guard !host.isEmpty else { throw failure("the URL names no host") }
    case .file:
      guard authority.isEmpty, parts.path.hasPrefix("/") else {
        throw failure(
          "a file URL names an absolute path on this host, with three slashes:"
            + " file:///var/lib/feeds/list.txt")
      }
    }
    self.init(
      text: scheme.rawValue + text.dropFirst(schemeText.count), scheme: scheme,
      userInfo: userInfo, host: String(host), port: port, path: parts.path, query: parts.query)
  }

  /// The `file://` URL of an absolute path, every byte outside the unreserved and path
  /// characters percent-encoded.
  public init(filePath: String) {
    let allowed = Set(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@".utf8)
    var encoded = ""
    for byte in filePath.utf8 {
      if allowed.contains(byte) {
        encoded.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        encoded += Self.percentEscape(byte)
      }
    }
    self.init(
      text: "file://" + encoded, scheme: .file, userInfo: nil, host: "", port: nil, path: encoded,
      query: nil)
  }

  private init(
    text: String, scheme: Scheme, userInfo: String?, host: String, port: Int?, path: String,
    query: String?
  ) {
    self.text = text
    self.scheme = scheme
    self.userInfo = userInfo
    self.host = host
    self.port = port
    self.path = path
    self.query = query
  }

  /// A URL written in code (a default, a test); a URL from a user goes through `init(parsing:)`.
  public init(stringLiteral text: String) {
    do {
      try self.init(parsing: text)
    } catch {
      preconditionFailure("invalid URL literal \(error)")
    }
  }

  /// Whether the URL carries something secret: user info, or a query (where API keys live).
  public var hasCredentials: Bool { userInfo != nil || query != nil }

  /// The URL as it may be shown anywhere: scheme, host, port and path; no user info, query or
  /// fragment; every byte that is not printable ASCII escaped.
  public var redacted: String {
    Self.redacting(text)
  }

  public var description: String { redacted }

  /// The port a connection goes to: the written one, else the scheme's (443 or 80).
  public var effectivePort: Int? {
    port ?? (scheme == .https ? 443 : scheme == .http ? 80 : nil)
  }

  /// The path of a `file://` URL on this host, `%XX` escapes decoded.
  public var filePath: String {
    var bytes: [UInt8] = []
    var utf8 = Array(path.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Any URL text (a server's `Location`, a URL read back from the state journal) as it may be
  /// shown: without user info, query or fragment, non-printable bytes escaped.
  public static func redacting(_ text: String) -> String {
    let parts = Parts(text)
    var shown = ""
    if let scheme = parts.scheme { shown += scheme + ":" }
    if let authority = parts.authority {
      let host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] }
      shown += "//" + (host ?? Substring(authority))
    }
    shown += parts.path
    var escaped = ""
    for byte in shown.utf8 {
      if (0x21..<0x7F).contains(byte) {
        escaped.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        escaped += percentEscape(byte)
      }
    }
    return escaped
  }

  private static func percentEscape(_ byte: UInt8) -> String {
    let hex = String(byte, radix: 16, uppercase: true)
    return "%" + (hex.count == 1 ? "0" : "") + hex
  }

  /// `host:port` → host and port text; `[v6]:port` keeps its brackets in the host.
  private static func splitPort(_ text: Substring) -> (Substring, Substring?) {
    let searchFrom =
      text.hasPrefix("[") ? (text.firstIndex(of: "]") ?? text.startIndex) : text.startIndex
    guard let colon = text[searchFrom...].lastIndex(of: ":") else { return (text, nil) }
    return (text[..<colon], text[text.index(after: colon)...])
  }

  /// The generic parts of URL text (RFC 3986 section 3), without judging them.
  private struct Parts {
    var scheme: String?
    var authority: String?
    var path: String
    var query: String?

    var hasCredentials: Bool { authority?.contains("@") == true || query != nil }

    init(_ text: String) {
      var rest = Substring(text)
      if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
      if let question = rest.firstIndex(of: "?") {
        query = String(rest[rest.index(after: question)...])
        rest = rest[..<question]
      }
      if let colon = rest.firstIndex(of: ":"), colon != rest.startIndex,
        rest[..<colon].allSatisfy({
          $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0))
        })
      {
        scheme = String(rest[..<colon])
        rest = rest[rest.index(after: colon)...]
      }
      if rest.hasPrefix("//") {
        rest = rest.dropFirst(2)
        let end = rest.firstIndex(of: "/") ?? rest.endIndex
        authority = String(rest[..<end])
        rest = rest[end...]
      }
      path = String(rest)
    }
  }
}
