import IPFeedCore

/// A real feed's next day, made up: every n-th address line of an IPsum body gets another
/// public IPv4 address (not in the feed), its count kept. Deterministic.
struct FeedChanger {
  var percent: Int

  func change(_ body: [UInt8]) -> [UInt8] {
    let lines = body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    var seen = Set<IPAddress>()
    for line in lines {
      if let tab = line.firstIndex(of: UInt8(ascii: "\t")),
        let address = IPAddress(String(decoding: line[..<tab], as: UTF8.self))
      {
        seen.insert(address)
      }
    }
    let every = max(1, 100 / max(percent, 1))
    var random = Random(seed: 4)
    var out: [UInt8] = []
    out.reserveCapacity(body.count)
    var dataLine = 0
    for (index, line) in lines.enumerated() {
      if index > 0 { out.append(UInt8(ascii: "\n")) }
      guard line.first != UInt8(ascii: "#"), let tab = line.firstIndex(of: UInt8(ascii: "\t"))
      else {
        out.append(contentsOf: line)
        continue
      }
      defer { dataLine += 1 }
      guard dataLine % every == 0 else {
        out.append(contentsOf: line)
        continue
      }
      var replacement = IPAddress.v4(UInt32(truncatingIfNeeded: random.next()))
      while SpecialAddressRanges.range(containing: replacement) != nil
        || !seen.insert(replacement).inserted
      {
        replacement = .v4(UInt32(truncatingIfNeeded: random.next()))
      }
      replacement.appendText(to: &out)
      out.append(contentsOf: line[tab...])
    }
    return out
  }
}
