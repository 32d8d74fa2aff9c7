import IPFeedCore
import Testing

@Suite struct FeedParserTests {
  private func parse(_ text: String, _ format: FeedFormat = .ipsum) throws(FeedRejection)
    -> ParsedFeed
  {
    try FeedParser.parse(Array(text.utf8), source: "test", format: format)
  }

  private func entries(_ text: String, _ format: FeedFormat = .ipsum) throws -> [String] {
    try parse(text, format).entries.map { "\($0.address) \($0.score)" }
  }

  @Test(arguments: [
    ("1.2.3.4\t3\n", ["1.2.3.4 3"]),
    ("1.2.3.4 3\n", ["1.2.3.4 3"]),
    ("1.2.3.4  \t 3  \n", ["1.2.3.4 3"]),
    ("1.2.3.4\t3\r\n5.6.7.8\t1\r\n", ["1.2.3.4 3", "5.6.7.8 1"]),
    ("\u{FEFF}1.2.3.4\t3\n", ["1.2.3.4 3"]),
    ("# IPsum\n#\n\n1.2.3.4\t3\n\n", ["1.2.3.4 3"]),
    ("1.2.3.4\t3", ["1.2.3.4 3"]),
    ("1.2.3.4\t999999\n", ["1.2.3.4 999999"]),
    ("2001:DB8:0:0:0:0:0:1\t2\n", ["2001:db8::1 2"]),
    ("::ffff:1.2.3.4\t2\n", ["1.2.3.4 2"]),
    ("9.9.9.9\t1\n1.2.3.4\t2\n10.0.0.1\t3\n", ["1.2.3.4 2", "9.9.9.9 1", "10.0.0.1 3"]),
  ])
  func ipsumLinesAccepted(text: String, expected: [String]) throws {
    #expect(try entries(text) == expected)
  }

  @Test(arguments: [
    "1.2.3.4\n",  // no count
    "1.2.3.4\t1234567\n",  // seven digits
    "1.2.3.4\t-1\n",
    "1.2.3.4\t+1\n",
    "1.2.3.4\t1.5\n",
    "1.2.3.4\t3 extra\n",
    "1.2.3.4/32\t3\n",
    "01.2.3.4\t3\n",
    "1.2.3.4\t0x3\n",
    "1.2.3.4,3\n",
    "fe80::1%eth0\t3\n",
  ])
  func ipsumLineRejected(line: String) throws {
    // Nine good lines keep the bad one within the 10% tolerance: it is counted, not used.
    let good = (1...9).map { "5.5.5.\($0)\t1\n" }.joined()
    let feed = try parse(good + line)
    #expect(feed.entries.count == 9)
    #expect(feed.lines.invalid == 1)
    #expect(feed.firstBadLine?.lineNumber == 10)
  }

  @Test(arguments: [
    ("1.2.3.4\n", ["1.2.3.4 1"]),
    ("1.2.3.4 ; SBL123\n", ["1.2.3.4 1"]),
    ("1.2.3.4;SBL123\n", ["1.2.3.4 1"]),
    ("1.2.3.4 # listed 2026\n", ["1.2.3.4 1"]),
    ("; Spamhaus header\n# other\n1.2.3.4\n", ["1.2.3.4 1"]),
    ("  1.2.3.4  \r\n", ["1.2.3.4 1"]),
  ])
  func plainLinesAccepted(text: String, expected: [String]) throws {
    #expect(try entries(text, .plain) == expected)
  }

  @Test(arguments: ["1.2.3.4 3\n", "1.2.3.0/24 ; SBL1\n", "1.2.3.4 x\n"])
  func plainLineRejected(line: String) throws {
    let good = (1...9).map { "5.5.5.\($0)\n" }.joined()
    let feed = try parse(good + line, .plain)
    #expect(feed.entries.count == 9)
    #expect(feed.lines.invalid == 1)
  }

  @Test func repeatedAddressKeepsHighestCount() throws {
    let feed = try parse("1.2.3.4\t2\n1.2.3.4\t7\n1.2.3.4\t5\n::ffff:1.2.3.4\t1\n")
    #expect(feed.entries == [FeedEntry(address: IPAddress("1.2.3.4")!, score: 7)])
    #expect(feed.lines.duplicates == 3)
    #expect(feed.lines.valid == 4)
  }

  @Test func countsLines() throws {
    let feed = try parse(
      "# a\n\n1.2.3.4\t1\n" + String(repeating: "5.6.7.8\t2\n", count: 9) + "x\n")
    #expect(feed.lines.total == 13)
    #expect(feed.lines.comments == 1)
    #expect(feed.lines.blank == 1)
    #expect(feed.lines.valid == 10)
    #expect(feed.lines.invalid == 1)
  }

  @Test func htmlErrorPageIsRejected() {
    let html = "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n</html>\n"
    let error = #expect(throws: FeedRejection.self) { try parse(html) }
    #expect(error?.reason == .noValidEntry)
    #expect(error?.firstBadLine?.lineNumber == 1)
    #expect(error?.description.contains("source test") == true)
    #expect(error?.description.contains("HTML") == true)
  }

  @Test func moreThanTenPercentInvalidIsRejected() {
    // 8 valid, 1 invalid: 11% of the data lines.
    let text = (1...8).map { "5.5.5.\($0)\t1\n" }.joined() + "garbage\n"
    let error = #expect(throws: FeedRejection.self) { try parse(text) }
    #expect(error?.reason == .tooManyInvalidLines)
    #expect(error?.lines.invalid == 1)
    #expect(error?.lines.valid == 8)
    #expect(error?.description.contains("line 9: \"garbage\"") == true)
  }

  @Test func exactlyTenPercentInvalidIsTolerated() throws {
    let text = (1...9).map { "5.5.5.\($0)\t1\n" }.joined() + "garbage\n"
    #expect(try parse(text).entries.count == 9)
  }

  @Test func binaryGarbageIsRejectedWithEscapedExcerpt() {
    let bytes: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0xFF, 0x0A, 0x22, 0x5C, 0x09, 0x0A]
    let error = #expect(throws: FeedRejection.self) {
      try FeedParser.parse(bytes, source: "s", format: .ipsum)
    }
    #expect(error?.firstBadLine?.excerpt == "\\x1f\\x8b\\x08\\x00\\xff")
    #expect(error?.description.contains("\\x1f\\x8b") == true)
  }

  @Test func overlongLineIsRejected() {
    let text =
      "1.2.3.4\t1\n" + String(repeating: "A", count: FeedParser.maximumLineBytes + 1) + "\n"
    let error = #expect(throws: FeedRejection.self) { try parse(text) }
    #expect(error?.reason == .lineTooLong)
    #expect(error?.firstBadLine?.lineNumber == 2)
    #expect(error?.firstBadLine?.excerpt.count == FeedLineExcerpt.maximumBytes + 1)
  }

  @Test func overlongLineWithoutNewlineIsRejectedAcrossChunks() throws {
    var parser = FeedParser(source: "s", format: .ipsum)
    let chunk = [UInt8](repeating: UInt8(ascii: "7"), count: 1_000)
    for _ in 0..<10 { parser.consume(chunk.span) }
    let error = #expect(throws: FeedRejection.self) { try parser.finish() }
    #expect(error?.reason == .lineTooLong)
  }

  @Test func emptyBodyIsRejected() {
    let error = #expect(throws: FeedRejection.self) { try parse("") }
    #expect(error?.reason == .noValidEntry)
  }

  @Test func chunkBoundariesAnywhereGiveTheSameResult() throws {
    let text = "# c\r\n1.2.3.4\t3\r\n2001:db8:1::1\t2\r\n\r\n9.8.7.6\t1\r\n"
    let bytes = Array(text.utf8)
    let whole = try FeedParser.parse(bytes, source: "s", format: .ipsum)
    for chunkSize in 1...bytes.count {
      var parser = FeedParser(source: "s", format: .ipsum)
      var start = 0
      while start < bytes.count {
        let end = min(start + chunkSize, bytes.count)
        parser.consume(bytes.span.extracting(start..<end))
        start = end
      }
      #expect(try parser.finish() == whole, "chunk size \(chunkSize)")
    }
  }
}
