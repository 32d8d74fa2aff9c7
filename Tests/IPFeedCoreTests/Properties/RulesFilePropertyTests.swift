import IPFeedCore
import PropertyBased
import Testing
import Yams

@Suite struct RulesFilePropertyTests {
  private let renderer = FalcoRulesRenderer(
    sources: [
      .init(
        name: "first", location: "https://feeds.example/first.txt", format: .ipsum, threshold: 3),
      .init(name: "second", location: "/srv/second.txt", format: .plain, threshold: 1),
    ])

  @Test func theRulesFileReadsBackAsTheList() async throws {
    await propertyCheck(count: 200, input: CoreGenerators.list) { list in
      let file = renderer.render(list)
      #expect(
        FalcoRulesFileReader.addresses(in: file, listName: renderer.listName) == list.addresses)
      let document = try Yams.load(yaml: String(decoding: file, as: UTF8.self)) as? [[String: Any]]
      let items = document?.first?["items"] as? [String] ?? []
      #expect(items == list.addresses.map(\.description))
    }
  }

  @Test func aFeedWrittenFromTheListParsesBackToIt() async throws {
    await propertyCheck(count: 200, input: CoreGenerators.list) { list in
      let body = list.entries.map { "\($0.address)\t\($0.score)\n" }.joined()
      let feed = try FeedParser.parse(Array(body.utf8), source: "feed", format: .ipsum)
      #expect(feed.entries.map(\.address) == list.addresses)
      #expect(feed.entries.map(\.score) == list.entries.map(\.score))
    }
  }

  /// The same feeds, their lines in any order, any spelling of each address and the sources
  /// merged in any order: the same bytes, so an unchanged feed never rewrites the file or
  /// reloads Falco.
  @Test func theBytesDependOnlyOnTheAddresses() async throws {
    let twoLists = zip(CoreGenerators.list, CoreGenerators.list)
    await propertyCheck(count: 100, input: twoLists, Gen.uint64()) { lists, seed in
      let scrambled = [
        try feed(lists.0, source: "first", scrambledWith: seed),
        try feed(lists.1, source: "second", scrambledWith: seed &+ 1),
      ]
      let plain = [
        try feed(lists.0, source: "first", scrambledWith: nil),
        try feed(lists.1, source: "second", scrambledWith: nil),
      ]
      let reference = renderer.render(render(plain))
      #expect(renderer.render(render(scrambled)) == reference)
      #expect(renderer.render(render(scrambled.reversed())) == reference)
    }
  }

  private func render(_ feeds: [ParsedFeed]) -> AddressList {
    ListPolicy().apply(feeds.map { ListPolicy.Input(feed: $0, threshold: 1) }).list
  }

  /// The list as an ipsum body between comments and blank lines; with a seed, its lines
  /// shuffled and each address in a random spelling.
  private func feed(_ list: AddressList, source: String, scrambledWith seed: UInt64?) throws
    -> ParsedFeed
  {
    var random = SplitMix64(seed: seed ?? 0)
    var lines = ["# a comment", "", "# another"]
    for entry in list.entries {
      let spelling =
        seed == nil
        ? entry.address.description
        : AddressSpelling.text(of: entry.address, choices: random.next())
      lines.append("\(spelling)\t\(entry.score)")
    }
    if seed != nil { lines.shuffle(using: &random) }
    let body = "# header\n" + lines.joined(separator: "\n") + "\n"
    return try FeedParser.parse(Array(body.utf8), source: source, format: .ipsum)
  }
}
