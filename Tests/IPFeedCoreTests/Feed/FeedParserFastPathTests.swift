import IPFeedCore
import Testing

/// The parser reads the common line (a dotted quad, a count, a newline) in one pass over the
/// buffer and hands every other line to the general reading. These tests hold the two to the
/// same result: a body parsed whole (the one pass) must equal the same body fed byte by byte
/// (where no line is ever whole in one chunk, so the general reading does every line).
@Suite struct FeedParserFastPathTests {
  private static let fragments = [
    "1.2.3.4\t3", "185.224.128.17\t1", "255.255.255.255\t999999", "0.0.0.0\t1", "1.2.3.4 7",
    "1.2.3.4 \t 2 \t", "1.2.3.4\t2\r", "1.2.3.4\t2 \r \r", "9.9.9.9\t1234567", "9.9.9.9\t",
    "9.9.9.9", "9.9.9.9 ", "01.2.3.4\t1", "1.2.3.04\t1", "256.1.1.1\t1", "1.2.3.1000\t1",
    "1.2.3\t1", "1.2.3.4.5\t1", "1.2.3.4#\t1", "1.2.3.4\t1#", "1.2.3.4\t-1", "1.2.3.4\t0x1",
    "1.2.3.4\r\t1", " 1.2.3.4\t1", "\t7.7.7.7 1", "2001:db8::1\t2", "::ffff:1.2.3.4\t5",
    "2001:DB8:0:0:0:0:0:1 3", "1.2.3.4 ; note", "1.2.3.4 # note", "1.2.3.4;x", "# comment",
    "; comment", "", "   ", "\r", "garbage", "1.2.3.4/32\t1",
    "1.2.3.4\t" + String(repeating: " ", count: FeedParser.maximumLineBytes) + "1",
  ]

  private static func body(seed: UInt64, lines: Int) -> [UInt8] {
    var random = SplitMix64(seed: seed)
    var text = random.next() % 4 == 0 ? "\u{FEFF}" : ""
    for _ in 0..<lines {
      // Mostly the common line, as in a real feed, and every other shape among them.
      if random.next() % 3 == 0 {
        text += fragments[Int(random.next() % UInt64(fragments.count))]
      } else {
        text += "\(random.next() % 4).\(random.next() % 3).9.\(random.next() % 256)\t"
        text += "\(random.next() % 12)"
      }
      text += "\n"
    }
    if random.next() % 2 == 0 { text.removeLast() }  // the last line without its newline
    return Array(text.utf8)
  }

  private static func parse(
    _ body: [UInt8], _ format: FeedFormat, chunks: [Range<Int>]
  ) -> Result<ParsedFeed, FeedRejection> {
    var parser = FeedParser(source: "s", format: format)
    for chunk in chunks { parser.consume(body.span.extracting(chunk)) }
    return Result { () throws(FeedRejection) in try parser.finish() }
  }

  @Test(arguments: [FeedFormat.ipsum, .plain])
  func wholeBodiesReadAsByteByByte(format: FeedFormat) {
    for seed in UInt64(1)...60 {
      let body = Self.body(seed: seed, lines: Int(seed % 40) + 1)
      let whole = Result { () throws(FeedRejection) in
        try FeedParser.parse(body, source: "s", format: format)
      }
      let byByte = Self.parse(body, format, chunks: body.indices.map { $0..<($0 + 1) })
      #expect(whole == byByte, "seed \(seed): \(String(decoding: body, as: UTF8.self))")
    }
  }

  @Test(arguments: [FeedFormat.ipsum, .plain])
  func chunkBoundariesInsideCommonLinesChangeNothing(format: FeedFormat) {
    for seed in UInt64(100)...140 {
      let body = Self.body(seed: seed, lines: 30)
      let whole = Self.parse(body, format, chunks: [0..<body.count])
      var random = SplitMix64(seed: seed)
      var cuts = (0..<5).map { _ in Int(random.next() % UInt64(body.count + 1)) }
      cuts = ([0] + cuts + [body.count]).sorted()
      let chunks = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
      #expect(Self.parse(body, format, chunks: chunks) == whole, "seed \(seed), cuts \(cuts)")
    }
  }

  @Test func aCommonLineCutAtTheNewlineOrTheEndOfTheBody() throws {
    let body = Array("1.2.3.4\t3\n5.6.7.8\t12".utf8)
    for cut in 0...body.count {
      var parser = FeedParser(source: "s", format: .ipsum)
      parser.consume(body.span.extracting(0..<cut))
      parser.consume(body.span.extracting(cut..<body.count))
      let feed = try parser.finish()
      #expect(feed.entries.map { "\($0.address) \($0.score)" } == ["1.2.3.4 3", "5.6.7.8 12"])
      #expect(feed.lines.total == 2)
    }
  }

  @Test func commonLinesBesideOthersAreCountedOnce() throws {
    let text =
      "# head\n1.2.3.4\t3\n\n2001:db8::7\t2\n1.2.3.4\t9\n5.6.7.8\t1\r\nx\n"
      + String(
        repeating: "9.8.7.6\t4\n", count: 10)
    let feed = try FeedParser.parse(Array(text.utf8), source: "s", format: .ipsum)
    #expect(feed.lines.total == 17)
    #expect(feed.lines.valid == 14)
    #expect(feed.lines.duplicates == 10)
    #expect(feed.lines.invalid == 1)
    #expect(feed.lines.comments == 1)
    #expect(feed.lines.blank == 1)
    #expect(
      feed.entries.map { "\($0.address) \($0.score)" } == [
        "1.2.3.4 9", "5.6.7.8 1", "9.8.7.6 4", "2001:db8::7 2",
      ])
  }

  @Test func mixedFamiliesWithRepeatsSortLikeAReference() throws {
    var random = SplitMix64(seed: 5)
    var text = ""
    var best: [IPAddress: Int] = [:]
    for _ in 0..<20_000 {
      let pick = random.next()
      let address: IPAddress =
        pick % 5 == 0
        ? .v6(high: 0x2001_0db8_0000_0000 | (pick >> 40), low: random.next() % 300)
        : .v4(UInt32(truncatingIfNeeded: random.next() % 50_000) &* 86_413)
      let score = Int(random.next() % 20) + 1
      text += "\(address)\t\(score)\n"
      best[address] = max(best[address] ?? 0, score)
    }
    let feed = try FeedParser.parse(Array(text.utf8), source: "s", format: .ipsum)
    let expected = best.map { FeedEntry(address: $0.key, score: $0.value) }.sorted {
      $0.address < $1.address
    }
    #expect(feed.entries == expected)
    #expect(feed.lines.duplicates == 20_000 - best.count)
  }
}
