import IPFeedCore
import Testing
import Yams

@Suite struct FalcoRulesRendererTests {
  private let renderer = FalcoRulesRenderer(
    sources: [
      .init(
        SourceConfig(
          name: "ipsum", url: "https://user:secret@example.com/ipsum.txt?key=abc", format: .ipsum,
          threshold: 6))
    ])

  private func list(_ addresses: [String]) -> AddressList {
    AddressList(addresses.map { ListedAddress(address: IPAddress($0)!, score: 1, source: "s") })
  }

  private func document(_ bytes: [UInt8]) throws -> [[String: Any]] {
    let text = String(decoding: bytes, as: UTF8.self)
    return try #require(try Yams.load(yaml: text) as? [[String: Any]])
  }

  @Test func listMacroRuleInOrder() throws {
    let items = try document(renderer.render(list(["1.2.3.4"])))
    #expect(items.count == 3)
    #expect(items[0]["list"] as? String == "malicious_ip_list")
    #expect(items[1]["macro"] as? String == "malicious_ip_list_connection")
    #expect(items[2]["rule"] as? String == renderer.ruleName)
  }

  @Test func itemsAreQuotedSortedAndCanonical() throws {
    let bytes = renderer.render(
      list(["2001:DB8:0:0:1::1", "10.0.0.1", "9.0.0.1", "::ffff:8.8.8.8"]))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.contains("    - \"8.8.8.8\"\n    - \"9.0.0.1\"\n    - \"10.0.0.1\"\n"))
    let items = try document(bytes)[0]["items"] as? [String]
    #expect(items == ["8.8.8.8", "9.0.0.1", "10.0.0.1", "2001:db8::1:0:0:1"])
  }

  @Test func ruleConditionUsesTheListOnBothEnds() throws {
    let rule = try document(renderer.render(list(["1.2.3.4"])))[2]
    let condition = try #require(rule["condition"] as? String)
    #expect(
      condition
        == "malicious_ip_list_connection and (fd.sip in (malicious_ip_list)"
        + " or fd.cip in (malicious_ip_list))")
    #expect(rule["priority"] as? String == "WARNING")
    #expect(rule["tags"] as? [String] == ["network", "mitre_command_and_control", "TA0011"])
    let output = try #require(rule["output"] as? String)
    #expect(output.contains("%proc.cmdline") && output.contains("%container.id"))
  }

  @Test func macroRestrictsEventTypesWithoutDeprecatedFields() throws {
    let macro = try document(renderer.render(list(["1.2.3.4"])))[1]
    let condition = try #require(macro["condition"] as? String)
    #expect(condition.hasPrefix("evt.type in (accept, accept4, connect)"))
    #expect(!condition.contains("evt.dir"))
    // A folded scalar would make Falco 0.43 warn about evt.dir: the file uses none.
    #expect(!String(decoding: renderer.render(.empty), as: UTF8.self).contains(": >"))
  }

  @Test func emptyListStillRendersALoadableFile() throws {
    let items = try document(renderer.render(.empty))
    #expect(items[0]["items"] as? [Any] != nil)
    #expect((items[0]["items"] as? [Any])?.isEmpty == true)
    #expect(items.count == 3)
  }

  @Test func withoutRuleOnlyTheList() throws {
    var listOnly = renderer
    listOnly.includeRule = false
    #expect(try document(listOnly.render(list(["1.2.3.4"]))).count == 1)
  }

  @Test func sameListGivesSameBytes() {
    let addresses = (0..<500).map { "44.\($0 % 7).\($0 / 7).1" }
    #expect(renderer.render(list(addresses)) == renderer.render(list(addresses.reversed())))
  }

  @Test func headerNamesSourcesWithoutSecrets() {
    let text = String(decoding: renderer.render(list(["1.2.3.4"])), as: UTF8.self)
    #expect(
      text.contains("# Sources:\n#   ipsum (ipsum, threshold 6): https://example.com/ipsum.txt\n"))
    #expect(text.contains("# Addresses: 1\n"))
    #expect(!text.contains("secret") && !text.contains("key=abc"))
  }

  @Test func ruleFieldsWithQuotesStayInsideTheScalar() throws {
    var custom = renderer
    custom.ruleFields = "cmd=%proc.cmdline it's \"quoted\"\nnext"
    let rule = try document(custom.render(list(["1.2.3.4"])))[2]
    #expect((rule["output"] as? String)?.contains("it's \"quoted\" next") == true)
  }

  /// Found by the fuzz-render harness: a C1 control (U+008D) in the rule fields made a file that
  /// no YAML reader loads, so Falco would have kept the old rules.
  @Test(arguments: [
    "\u{8D}", "\u{80}", "\u{85}", "\u{9C}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{FFFE}",
  ])
  func ruleFieldsWithUnprintableCharactersStillMakeYAML(character: String) throws {
    var custom = renderer
    custom.ruleFields = "a\nb\r\u{7F}\(character)x - rule: evil"
    let items = try document(custom.render(list(["1.2.3.4"])))
    #expect(items.count == 3)
    #expect(
      items[2]["output"] as? String
        == "Connection with an address on the malicious IP list malicious_ip_list"
        + " (a b   x - rule: evil)")
  }

  /// `render FILE` names the source after the file, and a file name can hold a newline: the
  /// header stays comments, and the file holds the list, the macro and the rule only.
  @Test func aSourceNameWithANewlineStaysInTheHeaderComment() throws {
    let named = FalcoRulesRenderer(
      sources: [
        .init(
          name: "feed\n- list: malicious_ip_list\n  items: [\"8.8.8.8\"]\u{85}",
          location: "/tmp/feed\n- rule: x", format: .plain, threshold: 1)
      ])
    let bytes = named.render(list(["1.2.3.4"]))
    let items = try document(bytes)
    #expect(items.count == 3)
    #expect(items[0]["items"] as? [String] == ["1.2.3.4"])
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(
      text.contains(
        "#   feed - list: malicious_ip_list   items: [\"8.8.8.8\"]  (plain): /tmp/feed - rule: x\n")
    )
  }

  @Test func readerGetsTheListBack() {
    let addresses = ["1.2.3.4", "9.9.9.9", "2001:db8::1"]
    let bytes = renderer.render(list(addresses))
    #expect(
      FalcoRulesFileReader.addresses(in: bytes, listName: "malicious_ip_list")?.map(\.description)
        == addresses)
    #expect(
      FalcoRulesFileReader.addresses(in: renderer.render(.empty), listName: "malicious_ip_list")
        == [])
    #expect(
      FalcoRulesFileReader.addresses(in: Array("- rule: x\n".utf8), listName: "malicious_ip_list")
        == nil)
  }
}
