import IPFeedCore

/// Writes an address in one of the many texts that parse to it: any case, leading zeros, `::`
/// on any run of zero groups (or none), the last 32 bits as a dotted quad, IPv4 as IPv4-mapped
/// IPv6. `choices` (random bits) picks the spelling.
enum AddressSpelling {
  static func text(of address: IPAddress, choices: UInt64) -> String {
    var bits = choices
    func take(_ count: Int) -> UInt64 {
      defer { bits >>= UInt64(count) }
      return bits & (1 << UInt64(count) - 1)
    }
    var groups: [UInt16]
    switch address {
    case .v4(let value):
      guard take(1) == 1 else { return address.description }
      groups = [0, 0, 0, 0, 0, 0xffff, UInt16(value >> 16), UInt16(value & 0xffff)]
    case .v6(let high, let low):
      groups = (0..<8).map { index in
        UInt16(truncatingIfNeeded: (index < 4 ? high : low) >> UInt64(48 - 16 * (index % 4)))
      }
    }
    let dottedTail = take(1) == 1
    var parts = groups.prefix(dottedTail ? 6 : 8).map { group in
      var hex = String(group, radix: 16, uppercase: take(1) == 1)
      let padding = Int(take(2))
      if hex.count + padding <= 4 { hex = String(repeating: "0", count: padding) + hex }
      return hex
    }
    if dottedTail {
      let tail = [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]
      parts.append(tail.map { String($0) }.joined(separator: "."))
    }
    // `::` on one run of zero groups, when the bits pick one (a dotted tail counts as two groups).
    let zeroRuns = runs(ofZeroGroups: Array(groups.prefix(dottedTail ? 6 : 8)))
    let pick = Int(take(3))
    guard pick < zeroRuns.count else { return parts.joined(separator: ":") }
    let run = zeroRuns[pick]
    let head = parts[..<run.lowerBound].joined(separator: ":")
    let tail = parts[run.upperBound...].joined(separator: ":")
    return head + "::" + tail
  }

  /// Every range of consecutive zero groups (each a candidate for `::`).
  private static func runs(ofZeroGroups groups: [UInt16]) -> [Range<Int>] {
    var runs: [Range<Int>] = []
    for start in groups.indices where groups[start] == 0 {
      var end = start
      while end < groups.count, groups[end] == 0 {
        end += 1
        runs.append(start..<end)
      }
    }
    return runs
  }
}
