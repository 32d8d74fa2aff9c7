import IPFeedCore
import IPFeedSystem
import Testing

/// `output.mode`, `output.data_path` and `output.tiers`, read strictly.
@Suite struct OutputModeConfigTests {
  static let file = "/etc/falco-ipfeed/falco-ipfeed.yaml"

  static func parse(_ yaml: String) throws(ConfigError) -> Config {
    try ConfigLoader.parse(yaml: yaml, file: file)
  }

  @Test func theDefaultsAreRulesModeWithoutTiers() {
    let output = Config.defaults.output
    #expect(output.mode == .rules)
    #expect(output.dataPath == "/var/lib/falco-ipfeed/falco-ipfeed.bin")
    #expect(output.tiers.isEmpty)
    #expect(output.pluginStatusPath == "/var/lib/falco-ipfeed/falco-plugin-status.json")
  }

  @Test func readsPluginModeAndTiers() throws {
    let config = try Self.parse(
      """
      output:
        mode: plugin
        data_path: /var/lib/falco-ipfeed/other.bin
        tiers:
          - min_score: 3
            priority: warning
          - {min_score: 8, priority: CRITICAL}
          - {min_score: 1, priority: info}
      """)
    #expect(config.output.mode == .plugin)
    #expect(config.output.dataPath == "/var/lib/falco-ipfeed/other.bin")
    #expect(
      config.output.tiers == [
        RiskTier(minScore: 3, priority: .warning), RiskTier(minScore: 8, priority: .critical),
        RiskTier(minScore: 1, priority: .informational),
      ])
    #expect(try Self.parse(config.effectiveYAML()) == config)
    #expect(
      config.effectiveYAML().contains(
        "  tiers: [{min_score: 3, priority: WARNING}, {min_score: 8, priority: CRITICAL},"
          + " {min_score: 1, priority: INFORMATIONAL}]\n"))
  }

  @Test(arguments: ["tiers: []", "tiers:", "tiers: ~"])
  func noTiers(yaml: String) throws {
    #expect(try Self.parse("output:\n  \(yaml)\n").output.tiers == [])
  }

  static let rejected: [RejectedConfig] = [
    RejectedConfig(
      yaml: "output:\n  mode: plugins\n", keyPath: "output.mode", value: "plugins", line: 2,
      problem: "expected one of rules, plugin", fix: "set output.mode to one of: rules, plugin"),
    RejectedConfig(
      yaml: "output:\n  data_path: falco-ipfeed.bin\n", keyPath: "output.data_path",
      value: "falco-ipfeed.bin", problem: "absolute path",
      fix: "/var/lib/falco-ipfeed/falco-ipfeed.bin"),
    RejectedConfig(
      yaml: "output:\n  data_path: /var/lib/falco-ipfeed/\n", keyPath: "output.data_path",
      value: "/var/lib/falco-ipfeed/", problem: "names a directory", fix: "set output.data_path"),
    RejectedConfig(
      yaml: "output:\n  tiers: CRITICAL\n", keyPath: "output.tiers", value: "CRITICAL",
      problem: "expected a list", fix: "{min_score: 8, priority: CRITICAL}"),
    RejectedConfig(
      yaml: "output:\n  tiers: [8]\n", keyPath: "output.tiers[0]", value: "8",
      problem: "expected a mapping with min_score and priority", fix: "{min_score: N"),
    RejectedConfig(
      yaml: "output:\n  tiers: [{priority: CRITICAL}]\n", keyPath: "output.tiers[0].min_score",
      problem: "lowest score", fix: "add min_score: to output.tiers[0]"),
    RejectedConfig(
      yaml: "output:\n  tiers: [{min_score: 0, priority: CRITICAL}]\n",
      keyPath: "output.tiers[0].min_score", value: "0", problem: "at least 1",
      fix: "set output.tiers[0].min_score to 1 or more"),
    RejectedConfig(
      yaml: "output:\n  tiers: [{min_score: 8}]\n", keyPath: "output.tiers[0].priority",
      problem: "every tier needs the priority", fix: "add priority: to output.tiers[0]"),
    RejectedConfig(
      yaml: "output:\n  tiers: [{min_score: 8, priority: SEVERE}]\n",
      keyPath: "output.tiers[0].priority", value: "SEVERE",
      problem: "EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL, DEBUG",
      fix: "set output.tiers[0].priority to one of"),
    RejectedConfig(
      yaml: "output:\n  tiers: [{min_score: 8, priority: CRITICAL, rule: x}]\n",
      keyPath: "output.tiers[0].rule", problem: "unknown key \"rule\"",
      fix: "delete it, or use one of the keys named"),
    RejectedConfig(
      yaml: "output:\n  tiers:\n    - {min_score: 8, priority: CRITICAL}\n"
        + "    - {min_score: 8, priority: WARNING}\n",
      keyPath: "output.tiers[1].min_score", value: "8", line: 4,
      problem: "output.tiers[0] has this min_score already", fix: "a min_score of its own"),
    RejectedConfig(
      yaml: "output:\n  tiers:\n    - {min_score: 8, priority: CRITICAL}\n"
        + "    - {min_score: 3, priority: critical}\n",
      keyPath: "output.tiers[1].priority", value: "critical",
      problem: "output.tiers[0] has this priority already",
      fix: "keep the tier with the lower min_score"),
    RejectedConfig(
      yaml: "output:\n  tiers:\n    - {min_score: 3, priority: CRITICAL}\n"
        + "    - {min_score: 8, priority: WARNING}\n",
      keyPath: "output.tiers[1].priority", value: "WARNING",
      problem: "min_score 8 has WARNING, min_score 3 has CRITICAL",
      fix: "give the tier with the higher min_score the more severe priority"),
  ]

  @Test(arguments: rejected)
  func rejects(_ bad: RejectedConfig) {
    #expect {
      try Self.parse(bad.yaml)
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      #expect(error.keyPath == bad.keyPath)
      #expect(error.value == bad.value)
      if let line = bad.line { #expect(error.line == line) }
      #expect(error.problem.contains(bad.problem), "\(error.problem)")
      #expect(error.fix.contains(bad.fix), "\(error.fix)")
      #expect(error.description.hasPrefix(Self.file))
      return true
    }
  }
}
