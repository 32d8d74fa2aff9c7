import IPFeedCore
import Testing

@testable import IPFeedSystem

@Suite struct FeedEntriesCodingTests {
  private func entry(_ text: String, _ score: Int) -> FeedEntry {
    FeedEntry(address: IPAddress(text)!, score: score)
  }

  @Test func roundTripsIPv4AndIPv6InOrder() {
    let entries = [
      entry("0.0.0.1", 1), entry("1.2.3.4", 150), entry("255.255.255.255", 999_999),
      entry("::2", 3), entry("2001:db8::1", 7), entry("ffff:ffff::", 0),
    ]
    let encoded = FeedEntriesCoding.encode(entries)
    #expect(FeedEntriesCoding.decode(encoded) == entries)
  }

  @Test func unsortedInputIsStoredSortedKeepingTheHighestScore() {
    let entries = [entry("9.9.9.9", 1), entry("1.1.1.1", 2), entry("9.9.9.9", 5)]
    let decoded = FeedEntriesCoding.decode(FeedEntriesCoding.encode(entries))
    #expect(decoded == [entry("1.1.1.1", 2), entry("9.9.9.9", 5)])
  }

  @Test func aLargeFeedTakesAboutFourBytesAnEntry() throws {
    let feed = try FeedParser.parse(generatedFeed(count: 100_000), source: "x", format: .ipsum)
    let encoded = FeedEntriesCoding.encode(feed.entries)
    #expect(encoded.count < feed.entries.count * 5)
    #expect(FeedEntriesCoding.decode(encoded) == feed.entries)
  }

  @Test func damagedBytesAreRefused() {
    let encoded = FeedEntriesCoding.encode([entry("1.1.1.1", 2), entry("2001:db8::1", 3)])
    #expect(FeedEntriesCoding.decode([]) == nil)
    #expect(FeedEntriesCoding.decode([2] + encoded.dropFirst()) == nil)
    #expect(FeedEntriesCoding.decode(Array(encoded.dropLast())) == nil)
    #expect(FeedEntriesCoding.decode(encoded + [0]) == nil)
  }
}
