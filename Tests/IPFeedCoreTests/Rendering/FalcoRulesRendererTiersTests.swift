import IPFeedCore
import Testing
import Yams

/// Risk tiers in both modes, and the rules file of plugin mode.
@Suite struct FalcoRulesRendererTiersTests {
  private let sources: [FalcoRulesRenderer.SourceSummary] = [
    .init(name: "ipsum", location: "https://example.com/ipsum.txt", format: .ipsum, threshold: 1)
  ]
  private let tiers = [
    RiskTier(minScore: 3, priority: .warning), RiskTier(minScore: 8, priority: .critical),
  ]

  private static func list(_ scored: [(String, Int)]) -> AddressList {
    AddressList(
      scored.map { ListedAddress(address: IPAddress($0.0)!, score: $0.1, source: "ipsum") })
  }

  private func document(_ bytes: [UInt8]) throws -> [[String: Any]] {
    try #require(try Yams.load(yaml: String(decoding: bytes, as: UTF8.self)) as? [[String: Any]])
  }

  private let scored = Self.list([
    ("1.1.1.1", 1), ("2.2.2.2", 3), ("3.3.3.3", 7), ("4.4.4.4", 8), ("2001:db8::9", 12),
  ])

  /// Without tiers, rules mode writes exactly the file it always wrote.
  @Test func rulesModeWithoutTiersIsUnchanged() {
    let renderer = FalcoRulesRenderer(sources: sources)
    let expected = """
      # Falco rules written by falco-ipfeed \(FalcoIPFeedVersion.string). Do not edit:
      # falco-ipfeed replaces this file whenever its list changes.
      # Sources:
      #   ipsum (ipsum, threshold 1): https://example.com/ipsum.txt
      # Addresses: 2

      - list: malicious_ip_list
        items:
          - "1.1.1.1"
          - "2001:db8::9"

      - macro: malicious_ip_list_connection
        condition: 'evt.type in (accept, accept4, connect) and (fd.typechar = 4 or fd.typechar = 6) and (fd.ip != "0.0.0.0" and fd.net != "127.0.0.0/8") and (evt.rawres >= 0 or evt.res = EINPROGRESS)'

      - rule: 'Connection with an address on malicious_ip_list (falco-ipfeed)'
        desc: 'A process connected to, or accepted a connection from, an address that threat feeds list as malicious (falco-ipfeed list malicious_ip_list).'
        condition: 'malicious_ip_list_connection and (fd.sip in (malicious_ip_list) or fd.cip in (malicious_ip_list))'
        output: 'Connection with an address on the malicious IP list malicious_ip_list (command=%proc.cmdline connection=%fd.name user=%user.name container_id=%container.id)'
        priority: WARNING
        tags: [network, mitre_command_and_control, TA0011]

      """
    let bytes = renderer.render(Self.list([("2001:db8::9", 4), ("1.1.1.1", 2)]))
    #expect(String(decoding: bytes, as: UTF8.self) == expected)
  }

  @Test func rulesModeWritesOneListAndOneRulePerTier() throws {
    let renderer = FalcoRulesRenderer(sources: sources, tiers: tiers)
    let items = try document(renderer.render(scored))
    #expect(items.count == 5)
    #expect(items[0]["list"] as? String == "malicious_ip_list_critical")
    #expect(items[0]["items"] as? [String] == ["4.4.4.4", "2001:db8::9"])
    #expect(items[1]["list"] as? String == "malicious_ip_list_warning")
    #expect(items[1]["items"] as? [String] == ["2.2.2.2", "3.3.3.3"])
    #expect(items[2]["macro"] as? String == "malicious_ip_list_connection")
    #expect(
      items[3]["rule"] as? String
        == "Connection with an address on malicious_ip_list_critical (falco-ipfeed)")
    #expect(items[3]["priority"] as? String == "CRITICAL")
    #expect(
      items[3]["condition"] as? String
        == "malicious_ip_list_connection and (fd.sip in (malicious_ip_list_critical)"
        + " or fd.cip in (malicious_ip_list_critical))")
    #expect(items[4]["priority"] as? String == "WARNING")
    #expect(renderer.listNames == ["malicious_ip_list_critical", "malicious_ip_list_warning"])
    // 1.1.1.1 (score 1) is below every tier: on no list, so it raises no alert.
    let text = String(decoding: renderer.render(scored), as: UTF8.self)
    #expect(!text.contains("1.1.1.1"))
  }

  @Test func aTierWithoutAddressesIsAnEmptyList() throws {
    let renderer = FalcoRulesRenderer(sources: sources, tiers: tiers)
    let items = try document(renderer.render(Self.list([("2.2.2.2", 3)])))
    #expect((items[0]["items"] as? [Any])?.isEmpty == true)
    #expect(items[1]["items"] as? [String] == ["2.2.2.2"])
  }

  @Test func pluginModeHasNoAddressAndTheSameBytesForEveryList() throws {
    let renderer = FalcoRulesRenderer(sources: sources, mode: .plugin)
    let bytes = renderer.render(scored)
    #expect(bytes == renderer.render(.empty))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(!text.contains("4.4.4.4") && !text.contains("- list:") && !text.contains("Addresses:"))
    #expect(text.contains("/var/lib/falco-ipfeed/falco-ipfeed.bin"))
    let items = try document(bytes)
    #expect(items.count == 3)
    let required = try #require(items[0]["required_plugin_versions"] as? [[String: Any]])
    let name = required.first?["name"] as? String
    let version = required.first?["version"] as? String
    #expect(name == FalcoPluginSetup.pluginName)
    #expect(version == FalcoPluginSetup.pluginVersion)
    #expect(items[1]["macro"] as? String == "malicious_ip_list_connection")
    let rule = items[2]
    #expect(
      rule["rule"] as? String == "Connection with an address on malicious_ip_list (falco-ipfeed)")
    #expect(rule["condition"] as? String == "malicious_ip_list_connection and ipfeed.listed = true")
    #expect(rule["priority"] as? String == "WARNING")
    let output = try #require(rule["output"] as? String)
    for field in [
      "%ipfeed.address", "%ipfeed.score", "%ipfeed.source", "%ipfeed.since", "%proc.cmdline",
    ] {
      #expect(output.contains(field), "\(field)")
    }
  }

  @Test func pluginModeWritesOneRulePerTierOnTheScore() throws {
    let renderer = FalcoRulesRenderer(
      sources: sources, mode: .plugin,
      tiers: tiers + [RiskTier(minScore: 1, priority: .notice)])
    let rules = try document(renderer.render(.empty)).filter { $0["rule"] != nil }
    #expect(rules.map { $0["priority"] as? String } == ["CRITICAL", "WARNING", "NOTICE"])
    #expect(
      rules.map { $0["condition"] as? String } == [
        "malicious_ip_list_connection and ipfeed.listed = true and ipfeed.score >= 8",
        "malicious_ip_list_connection and ipfeed.listed = true and ipfeed.score >= 3"
          + " and ipfeed.score < 8",
        "malicious_ip_list_connection and ipfeed.listed = true and ipfeed.score >= 1"
          + " and ipfeed.score < 3",
      ])
    #expect((rules[1]["desc"] as? String)?.contains("score 3 to 7") == true)
    #expect(renderer.listNames.isEmpty)
  }

  @Test func pluginModeWithoutRuleWritesTheMacroAlone() throws {
    let renderer = FalcoRulesRenderer(includeRule: false, sources: sources, mode: .plugin)
    let items = try document(renderer.render(.empty))
    #expect(items.count == 2)
    #expect(items[1]["macro"] as? String == "malicious_ip_list_connection")
  }
}
