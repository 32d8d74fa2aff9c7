/// Reads the addresses back from a rules file that `FalcoRulesRenderer` wrote: the items of its
/// `- list:`, one `    - "ADDRESS"` line each. Used to learn what list is applied when no state
/// journal says so. A file of another shape gives nil rather than a guess.
public enum FalcoRulesFileReader {
  public static func addresses(in file: [UInt8], listName: String) -> [IPAddress]? {
    let listHeader = Array("- list: \(listName)".utf8)
    let itemPrefix = Array("    - \"".utf8)
    var addresses: [IPAddress] = []
    var inList = false
    var sawList = false
    let span = file.span
    var lineStart = 0
    while lineStart < span.count {
      var lineEnd = lineStart
      while lineEnd < span.count, span[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
      let line = span.extracting(lineStart..<lineEnd)
      lineStart = lineEnd + 1
      if inList {
        if starts(line, with: itemPrefix), line.count > itemPrefix.count + 1,
          line[line.count - 1] == UInt8(ascii: "\"")
        {
          let text = line.extracting(itemPrefix.count..<(line.count - 1))
          guard let address = IPAddress(ascii: text) else { return nil }
          addresses.append(address)
          continue
        }
        if equals(line, Array("  items:".utf8)) || equals(line, Array("  items: []".utf8)) {
          continue
        }
        inList = false
      }
      if equals(line, listHeader) {
        inList = true
        sawList = true
      }
    }
    return sawList ? addresses : nil
  }

  private static func starts(_ line: Span<UInt8>, with prefix: [UInt8]) -> Bool {
    guard line.count >= prefix.count else { return false }
    for index in prefix.indices where line[index] != prefix[index] { return false }
    return true
  }

  private static func equals(_ line: Span<UInt8>, _ text: [UInt8]) -> Bool {
    line.count == text.count && starts(line, with: text)
  }
}
