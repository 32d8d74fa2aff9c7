/// A URL as it may be shown in a world-readable file or a log: without user, password, query
/// or fragment, where feed credentials and API keys live, and with every byte that is not
/// printable ASCII escaped.
public enum RedactedURL {
  public static func text(_ url: String) -> String {
    var bytes = Array(url.utf8)
    if let end = bytes.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
      bytes.removeSubrange(end...)
    }
    if let authorityStart = authorityStart(bytes) {
      let authorityEnd =
        bytes[authorityStart...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
      if let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")) {
        bytes.removeSubrange(authorityStart...at)
      }
    }
    var shown = ""
    for byte in bytes {
      if (0x21..<0x7F).contains(byte) {
        shown.unicodeScalars.append(Unicode.Scalar(byte))
      } else {
        shown += "%" + String(byte, radix: 16, uppercase: true)
      }
    }
    return shown
  }

  /// The index just past "://", if any.
  private static func authorityStart(_ bytes: [UInt8]) -> Int? {
    let separator = Array("://".utf8)
    guard bytes.count >= separator.count else { return nil }
    for index in 0...(bytes.count - separator.count)
    where bytes[index..<(index + separator.count)].elementsEqual(separator) {
      return index + separator.count
    }
    return nil
  }
}
