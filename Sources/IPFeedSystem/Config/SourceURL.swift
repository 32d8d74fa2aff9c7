import IPFeedCore

/// Checks a source's `url`: `https://`, `http://` or `file://`; an absolute path becomes a
/// `file://` URL.
enum SourceURL {
  static let forms = "https://…, http://…, file:///… or an absolute path"

  /// The URL to fetch, or a problem with the text.
  static func normalize(_ text: String) throws(TextValueError) -> String {
    func failure(_ problem: String) -> TextValueError {
      TextValueError(text: text, problem: problem)
    }
    guard !text.isEmpty else { throw failure("a source needs a URL") }
    if text.hasPrefix("/") { return "file://" + percentEncodedPath(text) }
    guard !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
    else { throw failure("a URL cannot hold spaces or control characters (write a space as %20)") }

    let lower = text.lowercased()
    for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
      let authority = text.dropFirst(scheme.count).prefix { !"/?#".contains($0) }
      let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
      guard !host.isEmpty, !host.hasPrefix(":") else { throw failure("the URL names no host") }
      return text
    }
    if lower.hasPrefix("file://") {
      guard text.dropFirst("file://".count).hasPrefix("/") else {
        throw failure(
          "a file URL names an absolute path on this host, with three slashes:"
            + " file:///var/lib/feeds/list.txt")
      }
      return text
    }
    if let colon = text.firstIndex(of: ":"), colon != text.startIndex,
      text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
      )
    {
      throw failure("the scheme \"\(text[..<colon])\" is not supported: use https, http or file")
    }
    throw failure("not a URL: write \(forms)")
  }

  /// The path with every byte outside the unreserved and path characters percent-encoded.
  private static func percentEncodedPath(_ path: String) -> String {
    let allowed = Set(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=:@".utf8)
    var out = ""
    for byte in path.utf8 {
      if allowed.contains(byte) {
        out.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}
