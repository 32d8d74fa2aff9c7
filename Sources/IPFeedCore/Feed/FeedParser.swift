/// Parses a feed body from bytes, without a `String` or an allocation per line, and keeps only
/// valid entries. It takes the body in chunks (`consume`), carrying a line across chunks only up
/// to `maximumLineBytes`; the fetchers deliver the body whole, bounded by `http.max_bytes`, and
/// `parse` hands it over in one chunk.
///
/// Formats:
/// - `ipsum`: `ADDRESS<whitespace>COUNT`, the count a decimal number of at most six digits.
/// - `plain`: one address per line, optionally followed by a `#` or `;` comment.
///
/// Both accept `#` comment lines (`plain` also `;`), blank lines, CRLF line ends, a UTF-8 byte
/// order mark, and spaces or tabs around the fields. Any other line is invalid: counted, never
/// used. A body is rejected as a whole when no line is valid, when more than
/// `maximumInvalidPercent` of its data lines are invalid, or when a line is too long.
public struct FeedParser: Sendable {
  public static let maximumLineBytes = 4096
  public static let maximumInvalidPercent = 10
  public static let maximumCountDigits = 6

  public let source: String
  public let format: FeedFormat

  private var lines = FeedLineCounts()
  /// The IPv4 entries, nearly all of a feed, as one integer each: the address in the high half,
  /// the score in the low half: a quarter of the memory of `FeedEntry`s, and what the sort moves.
  private var ipv4Entries: [UInt64] = []
  private var ipv6Entries: [IPv6Entry] = []
  private var firstBadLine: FeedLineExcerpt?
  private var overlongLine: FeedLineExcerpt?
  /// The unfinished last line of the previous chunk.
  private var carry: [UInt8] = []

  private struct IPv6Entry {
    var value: UInt128
    var score: Int
  }

  public init(source: String, format: FeedFormat, expectedBytes: Int = 0) {
    self.source = source
    self.format = format
    // IPsum lines average about 16 bytes; reserving avoids regrowing a 120k-entry array.
    ipv4Entries.reserveCapacity(expectedBytes / 16)
  }

  /// Parses a whole body at once.
  public static func parse(
    _ body: Span<UInt8>, source: String, format: FeedFormat
  ) throws(FeedRejection) -> ParsedFeed {
    var parser = FeedParser(source: source, format: format, expectedBytes: body.count)
    parser.consume(body)
    return try parser.finish()
  }

  public static func parse(
    _ body: [UInt8], source: String, format: FeedFormat
  ) throws(FeedRejection) -> ParsedFeed {
    try parse(body.span, source: source, format: format)
  }

  /// Feeds the next chunk of the body.
  public mutating func consume(_ chunk: Span<UInt8>) {
    guard overlongLine == nil else { return }
    var lineStart = 0
    if !carry.isEmpty {
      guard let newline = Self.newline(in: chunk, from: 0) else {
        appendToCarry(chunk)
        let partial = carry
        _ = acceptLength(partial.count, of: partial.span)
        return
      }
      appendToCarry(chunk.extracting(0..<newline))
      let line = takeCarry()
      if !acceptLength(line.count, of: line.span) { return }
      classify(line.span)
      lineStart = newline + 1
    }
    while lineStart < chunk.count {
      lineStart = consumeCommonLines(chunk, from: lineStart)
      guard lineStart < chunk.count, let newline = Self.newline(in: chunk, from: lineStart) else {
        break
      }
      let line = chunk.extracting(lineStart..<newline)
      if !acceptLength(line.count, of: line) { return }
      classify(line)
      lineStart = newline + 1
    }
    if lineStart < chunk.count {
      appendToCarry(chunk.extracting(lineStart..<chunk.count))
      let partial = carry
      _ = acceptLength(partial.count, of: partial.span)
    }
  }

  /// Reads, from `start` on, the lines nearly every line of a feed is, in one pass with no
  /// look-ahead for their ends: a dotted quad at the very start, for IPsum tabs or spaces and a
  /// count, then nothing but spaces, tabs or CRs before the newline. Stops at the first other
  /// line (or one not ended in this chunk), which `classify` then reads, and returns where that
  /// line starts. What this accepts, `classify` accepts alike: the same entry.
  private mutating func consumeCommonLines(_ chunk: Span<UInt8>, from start: Int) -> Int {
    let ipsum = format == .ipsum
    let before = ipv4Entries.count
    var lineStart = start
    var stopped = false
    while !stopped {
      // In batches into reserved room: no check of the array's uniqueness and capacity a line.
      // A batch stays within the capacity reserved from the body's size while there is some.
      let room = ipv4Entries.capacity - ipv4Entries.count
      let batch = room > 0 ? min(room, Self.entryBatchSize) : Self.entryBatchSize
      ipv4Entries.append(addingCapacity: batch) { entries in
        while !entries.isFull {
          guard let line = Self.commonLine(chunk, at: lineStart, ipsum: ipsum) else {
            stopped = true
            return
          }
          entries.append(line.entry)
          lineStart = line.next
        }
      }
    }
    lines.total += ipv4Entries.count - before
    lines.valid += ipv4Entries.count - before
    return lineStart
  }

  private static let entryBatchSize = 4_096

  /// The common line at `start`: its entry (address and score in one integer) and where the
  /// next line starts; nil for any other line.
  @inline(__always)
  private static func commonLine(
    _ chunk: Span<UInt8>, at start: Int, ipsum: Bool
  ) -> (entry: UInt64, next: Int)? {
    let end = chunk.count
    guard let quad = IPAddress.parseDottedQuad(chunk, from: start, to: end) else { return nil }
    var index = quad.end
    var score: UInt64 = 1
    if ipsum {
      let separator = index
      while index < end, isSpace(chunk[index]) { index += 1 }
      guard index > separator else { return nil }
      let digits = index
      score = 0
      while index < end {
        let digit = chunk[index] &- UInt8(ascii: "0")
        guard digit < 10 else { break }
        score = score &* 10 &+ UInt64(digit)
        index += 1
      }
      guard index > digits, index - digits <= maximumCountDigits else { return nil }
    }
    while index < end, isSpace(chunk[index]) || chunk[index] == UInt8(ascii: "\r") {
      index += 1
    }
    guard index < end, chunk[index] == UInt8(ascii: "\n"), index - start <= maximumLineBytes
    else { return nil }
    return (UInt64(quad.value) << 32 | score, index + 1)
  }

  /// Ends the body: returns the accepted feed or rejects it as a whole.
  public mutating func finish() throws(FeedRejection) -> ParsedFeed {
    if overlongLine == nil, !carry.isEmpty {
      let line = takeCarry()
      classify(line.span)
    }
    if let overlongLine {
      throw rejection(.lineTooLong, firstBadLine: overlongLine)
    }
    if lines.valid == 0 {
      throw rejection(.noValidEntry, firstBadLine: firstBadLine)
    }
    if lines.invalid * 100 > lines.dataLines * Self.maximumInvalidPercent {
      throw rejection(.tooManyInvalidLines, firstBadLine: firstBadLine)
    }
    let unique = sortedKeepingHighestScore()
    lines.duplicates = lines.valid - unique.count
    return ParsedFeed(
      source: source, format: format, entries: unique, lines: lines, firstBadLine: firstBadLine)
  }

  // MARK: - Lines

  private mutating func acceptLength(_ length: Int, of line: Span<UInt8>) -> Bool {
    guard length > Self.maximumLineBytes else { return true }
    overlongLine = FeedLineExcerpt(lineNumber: lines.total + 1, bytes: line)
    carry.removeAll()
    return false
  }

  private mutating func takeCarry() -> [UInt8] {
    defer { carry = [] }
    return carry
  }

  private mutating func appendToCarry(_ bytes: Span<UInt8>) {
    for index in bytes.indices { carry.append(bytes[index]) }
  }

  private mutating func classify(_ rawLine: Span<UInt8>) {
    lines.total += 1
    var start = 0
    var end = rawLine.count
    if lines.total == 1, Self.hasByteOrderMark(rawLine) { start = 3 }
    while start < end, Self.isSpace(rawLine[start]) { start += 1 }
    while end > start, Self.isSpace(rawLine[end - 1]) || rawLine[end - 1] == UInt8(ascii: "\r") {
      end -= 1
    }
    let line = rawLine.extracting(start..<end)
    if line.isEmpty {
      lines.blank += 1
    } else if Self.isCommentStart(line[0], format: format) {
      lines.comments += 1
    } else if let entry = parseEntry(line) {
      lines.valid += 1
      switch entry.address {
      case .v4(let value):
        ipv4Entries.append(UInt64(value) << 32 | UInt64(entry.score))
      case .v6:
        ipv6Entries.append(IPv6Entry(value: entry.address.v6Value, score: entry.score))
      }
    } else {
      lines.invalid += 1
      if firstBadLine == nil {
        firstBadLine = FeedLineExcerpt(lineNumber: lines.total, bytes: rawLine)
      }
    }
  }

  /// A trimmed, non-empty, non-comment line → its entry, or nil when the line is invalid.
  private func parseEntry(_ line: Span<UInt8>) -> FeedEntry? {
    var addressEnd = 0
    let address: IPAddress
    // Nearly every line starts with a dotted quad: read it in place, without first looking for
    // where the address ends. Anything else (IPv6, junk) takes the general way.
    if let quad = IPAddress.parseDottedQuad(line, from: 0, to: line.count),
      quad.end == line.count || Self.endsAddress(line[quad.end], format: format)
    {
      address = .v4(quad.value)
      addressEnd = quad.end
    } else {
      while addressEnd < line.count, !Self.endsAddress(line[addressEnd], format: format) {
        addressEnd += 1
      }
      guard let parsed = IPAddress(ascii: line.extracting(0..<addressEnd)) else { return nil }
      address = parsed
    }
    var rest = addressEnd
    while rest < line.count, Self.isSpace(line[rest]) { rest += 1 }
    switch format {
    case .plain:
      // Nothing after the address but a comment.
      guard rest == line.count || Self.isCommentStart(line[rest], format: .plain) else {
        return nil
      }
      return FeedEntry(address: address, score: 1)
    case .ipsum:
      guard rest > addressEnd, let score = Self.parseCount(line.extracting(rest..<line.count))
      else { return nil }
      return FeedEntry(address: address, score: score)
    }
  }

  private func rejection(
    _ reason: FeedRejection.Reason, firstBadLine: FeedLineExcerpt?
  ) -> FeedRejection {
    FeedRejection(
      source: source, format: format, reason: reason, lines: lines, firstBadLine: firstBadLine)
  }

  // MARK: - Bytes

  private static func parseCount(_ digits: Span<UInt8>) -> Int? {
    guard (1...maximumCountDigits).contains(digits.count) else { return nil }
    var value = 0
    for index in digits.indices {
      let digit = digits[index] &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      value = value * 10 + Int(digit)
    }
    return value
  }

  /// Where the next newline at or after `start` is, or nil.
  private static func newline(in bytes: Span<UInt8>, from start: Int) -> Int? {
    var index = start
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "\n") { return index }
      index += 1
    }
    return nil
  }

  private static func hasByteOrderMark(_ line: Span<UInt8>) -> Bool {
    line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
  }

  private static func isCommentStart(_ byte: UInt8, format: FeedFormat) -> Bool {
    byte == UInt8(ascii: "#") || (format == .plain && byte == UInt8(ascii: ";"))
  }

  private static func endsAddress(_ byte: UInt8, format: FeedFormat) -> Bool {
    isSpace(byte) || isCommentStart(byte, format: format)
  }

  /// The entries sorted by address, IPv4 first; of entries for the same address, the one with
  /// the highest score. A radix sort on the address alone (stable, but order among equal
  /// addresses does not matter: the highest score wins either way).
  private mutating func sortedKeepingHighestScore() -> [FeedEntry] {
    var unique: [FeedEntry] = []
    unique.reserveCapacity(ipv4Entries.count + ipv6Entries.count)
    RadixSort.sort(&ipv4Entries, keyBits: 32) { UInt32(truncatingIfNeeded: $0 >> 32) }
    var index = 0
    while index < ipv4Entries.count {
      let address = ipv4Entries[index] >> 32
      var score = ipv4Entries[index] & 0xFFFF_FFFF
      index += 1
      while index < ipv4Entries.count, ipv4Entries[index] >> 32 == address {
        score = max(score, ipv4Entries[index] & 0xFFFF_FFFF)
        index += 1
      }
      unique.append(
        FeedEntry(address: .v4(UInt32(truncatingIfNeeded: address)), score: Int(score)))
    }
    ipv4Entries = []
    RadixSort.sort(&ipv6Entries, keyBits: 128) { $0.value }
    index = 0
    while index < ipv6Entries.count {
      let value = ipv6Entries[index].value
      var score = ipv6Entries[index].score
      index += 1
      while index < ipv6Entries.count, ipv6Entries[index].value == value {
        score = max(score, ipv6Entries[index].score)
        index += 1
      }
      unique.append(FeedEntry(address: IPAddress(v6: value), score: score))
    }
    ipv6Entries = []
    return unique
  }
}
