import IPFeedCore
import Testing

@Suite struct ListPolicyTests {
  private func feed(_ source: String, _ entries: [(String, Int)]) -> ParsedFeed {
    let parsed = entries.map { FeedEntry(address: IPAddress($0.0)!, score: $0.1) }
    return ParsedFeed(
      source: source, format: .ipsum,
      entries: parsed.sorted { $0.address < $1.address }, lines: FeedLineCounts())
  }

  @Test func thresholdKeepsCountsAtOrAbove() {
    let input = ListPolicy.Input(
      feed: feed("ipsum", [("1.1.1.1", 5), ("2.2.2.2", 6), ("3.3.3.3", 7)]), threshold: 6)
    let outcome = ListPolicy().apply([input])
    #expect(outcome.list.addresses.map(\.description) == ["2.2.2.2", "3.3.3.3"])
    #expect(outcome.exclusions.belowThreshold["ipsum"] == 1)
  }

  @Test func unionKeepsHighestScoreAndItsSource() {
    let first = ListPolicy.Input(feed: feed("a", [("1.1.1.1", 2), ("2.2.2.2", 3)]), threshold: 1)
    let second = ListPolicy.Input(feed: feed("b", [("1.1.1.1", 4), ("2.2.2.2", 3)]), threshold: 1)
    let list = ListPolicy().apply([first, second]).list
    #expect(
      list.entries == [
        ListedAddress(address: IPAddress("1.1.1.1")!, score: 4, source: "b"),
        ListedAddress(address: IPAddress("2.2.2.2")!, score: 3, source: "a"),
      ])
  }

  @Test(arguments: [
    "0.1.2.3", "10.0.0.1", "100.64.0.1", "127.0.0.1", "169.254.1.1", "172.16.0.1",
    "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.19.255.255",
    "198.51.100.7", "203.0.113.7", "224.0.0.1", "239.255.255.255", "240.0.0.1",
    "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "2001:db8::1",
  ])
  func specialRangesAreNeverListed(address: String) {
    let input = ListPolicy.Input(feed: feed("s", [(address, 9), ("8.8.8.8", 9)]), threshold: 1)
    let outcome = ListPolicy().apply([input])
    #expect(outcome.list.addresses.map(\.description) == ["8.8.8.8"])
    #expect(outcome.exclusions.specialRangeTotal == 1)
  }

  @Test(arguments: ["100.63.255.255", "100.128.0.0", "172.32.0.1", "198.20.0.1", "2001:db9::1"])
  func neighboursOfSpecialRangesAreListed(address: String) {
    let input = ListPolicy.Input(feed: feed("s", [(address, 9)]), threshold: 1)
    #expect(ListPolicy().apply([input]).list.count == 1)
  }

  @Test func configuredExclusionsAreCountedPerPrefix() throws {
    let prefix = try AddressPrefix(parsing: "5.5.0.0/16")
    let input = ListPolicy.Input(
      feed: feed("s", [("5.5.1.1", 9), ("5.5.2.2", 9), ("5.6.0.1", 9)]), threshold: 1)
    let outcome = ListPolicy(exclusions: [prefix]).apply([input])
    #expect(outcome.list.addresses.map(\.description) == ["5.6.0.1"])
    #expect(outcome.exclusions.configured == [prefix: 2])
  }

  @Test func listIsSortedNumericallyWithIPv4First() {
    let input = ListPolicy.Input(
      feed: feed("s", [("2001:4860::8888", 1), ("9.9.9.9", 1), ("11.1.1.1", 1), ("1.0.0.1", 1)]),
      threshold: 1)
    #expect(
      ListPolicy().apply([input]).list.addresses.map(\.description) == [
        "1.0.0.1", "9.9.9.9", "11.1.1.1", "2001:4860::8888",
      ])
  }
}
