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
  private var entries: [FeedEntry] = []
  private var firstBadLine: FeedLineExcerpt?
  private var overlongLine: FeedLineExcerpt?
  /// The unfinished last line of the previous chunk.
  private var carry: [UInt8] = []

  public init(source: String, format: FeedFormat, expectedBytes: Int = 0) {
    self.source = source
    self.format = format
    // IPsum lines average about 16 bytes; reserving avoids regrowing a 120k-entry array.
    entries.reserveCapacity(expectedBytes / 16)
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
    var index = 0
    while index < chunk.count {
      if chunk[index] == UInt8(ascii: "\n") {
        if carry.isEmpty {
          if !acceptLength(index - lineStart, of: chunk.extracting(lineStart..<index)) { return }
          classify(chunk.extracting(lineStart..<index))
        } else {
          appendToCarry(chunk.extracting(lineStart..<index))
          let line = takeCarry()
          if !acceptLength(line.count, of: line.span) { return }
          classify(line.span)
        }
        lineStart = index + 1
      }
      index += 1
    }
    if lineStart < chunk.count {
      appendToCarry(chunk.extracting(lineStart..<chunk.count))
      let partial = carry
      _ = acceptLength(partial.count, of: partial.span)
    }
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
    let unique = Self.sortedKeepingHighestScore(entries)
    lines.duplicates = entries.count - unique.count
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
      entries.append(entry)
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

  /// Sorts by address; of entries for the same address keeps the one with the highest score.
  static func sortedKeepingHighestScore(_ entries: [FeedEntry]) -> [FeedEntry] {
    // IPv4 entries, nearly all of a feed, sort as plain integers: the address in the high half,
    // the complement of the score in the low half, so that the highest score comes first.
    var ipv4Keys: [UInt64] = []
    ipv4Keys.reserveCapacity(entries.count)
    var ipv6Entries: [FeedEntry] = []
    for entry in entries {
      switch entry.address {
      case .v4(let value):
        ipv4Keys.append(UInt64(value) << 32 | UInt64(UInt32.max - UInt32(entry.score)))
      case .v6:
        ipv6Entries.append(entry)
      }
    }
    ipv4Keys.sort()
    ipv6Entries.sort { lhs, rhs in
      lhs.address != rhs.address ? lhs.address < rhs.address : lhs.score > rhs.score
    }
    var unique: [FeedEntry] = []
    unique.reserveCapacity(entries.count)
    var previous: UInt32?
    for key in ipv4Keys {
      let value = UInt32(truncatingIfNeeded: key >> 32)
      guard value != previous else { continue }
      previous = value
      let score = Int(UInt32.max - UInt32(truncatingIfNeeded: key))
      unique.append(FeedEntry(address: .v4(value), score: score))
    }
    for entry in ipv6Entries where unique.last?.address != entry.address {
      unique.append(entry)
    }
    return unique
  }
}
