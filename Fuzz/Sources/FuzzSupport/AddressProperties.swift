import IPFeedCore

/// What every address that the parser accepts must satisfy.
public enum AddressProperties {
  /// The canonical text parses back to the same address and is its own canonical text: so a
  /// listed address reaches Falco in one spelling only, whatever the feed wrote.
  public static func checkCanonical(_ address: IPAddress) {
    let text = address.description
    fuzzRequire(
      text.utf8.allSatisfy(isCanonicalByte), "\(text) has a byte outside [0-9a-f.:]")
    guard let again = IPAddress(text) else {
      fuzzRequire(false, "the canonical text \(text) does not parse")
      return
    }
    fuzzRequire(again == address, "\(text) parses to \(again), not to \(address)")
    fuzzRequire(again.description == text, "\(text) prints as \(again.description)")
    var bytes: [UInt8] = []
    address.appendText(to: &bytes)
    fuzzRequire(
      bytes.elementsEqual(text.utf8), "appendText and description disagree on \(text)")
  }

  private static func isCanonicalByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
      || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
      || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
  }
}
