import IPFeedCore

/// What the feed parser must satisfy on any body.
public enum FeedProperties {
  /// Parses `body` whole, in the chunks of a `ChunkPlan` and byte by byte, and checks that the
  /// three agree (the streaming parser cannot depend on where the network splits the body),
  /// that the line counts add up, and that an accepted feed holds sorted, unique, canonical
  /// addresses and respects the invalid-line limit. Returns the accepted feed.
  @discardableResult
  public static func check(body: [UInt8], format: FeedFormat) -> ParsedFeed? {
    let whole = Result { () throws(FeedRejection) in
      try FeedParser.parse(body, source: "fuzz", format: format)
    }
    let chunked = parse(body, format: format, in: Array(ChunkPlan(for: body)))
    fuzzRequire(chunked == whole, "chunked parse \(chunked) differs from whole \(whole)")
    let byByte = parse(body, format: format, in: body.indices.map { $0..<($0 + 1) })
    fuzzRequire(byByte == whole, "byte-by-byte parse \(byByte) differs from whole \(whole)")

    switch whole {
    case .failure(let rejection):
      checkCounts(rejection.lines)
      fuzzRequire(!rejection.description.isEmpty, "a rejection without a message")
      return nil
    case .success(let feed):
      checkCounts(feed.lines)
      checkAccepted(feed)
      return feed
    }
  }

  private static func parse(
    _ body: [UInt8], format: FeedFormat, in chunks: [Range<Int>]
  ) -> Result<ParsedFeed, FeedRejection> {
    var parser = FeedParser(source: "fuzz", format: format)
    for chunk in chunks {
      parser.consume(body.span.extracting(chunk))
    }
    return Result { () throws(FeedRejection) in try parser.finish() }
  }

  private static func checkCounts(_ lines: FeedLineCounts) {
    fuzzRequire(
      lines.valid + lines.invalid + lines.blank + lines.comments <= lines.total,
      "line counts exceed the total: \(lines)")
  }

  private static func checkAccepted(_ feed: ParsedFeed) {
    let lines = feed.lines
    fuzzRequire(
      lines.valid + lines.invalid + lines.blank + lines.comments == lines.total,
      "an accepted feed's line counts do not add up: \(lines)")
    fuzzRequire(lines.valid > 0, "an accepted feed without a valid line")
    fuzzRequire(
      lines.invalid * 100 <= lines.dataLines * FeedParser.maximumInvalidPercent,
      "accepted with \(lines.invalid) of \(lines.dataLines) lines invalid")
    fuzzRequire(
      feed.entries.count + lines.duplicates == lines.valid,
      "\(feed.entries.count) entries and \(lines.duplicates) duplicates from \(lines.valid) lines"
    )
    for (previous, next) in zip(feed.entries, feed.entries.dropFirst()) {
      fuzzRequire(
        previous.address < next.address, "entries not sorted and unique at \(next.address)")
    }
    for entry in feed.entries {
      AddressProperties.checkCanonical(entry.address)
      fuzzRequire(entry.score >= 0, "negative score \(entry.score)")
      if feed.format == .plain {
        fuzzRequire(entry.score == 1, "a plain entry scored \(entry.score)")
      }
    }
  }
}
