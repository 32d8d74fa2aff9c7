import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

/// One config text that must be rejected, with what the error must say.
struct RejectedConfig: Sendable, CustomTestStringConvertible {
  var yaml: String
  var keyPath: String
  var value: String?
  var line: Int?
  /// Text the problem contains.
  var problem: String
  /// Text the fix contains.
  var fix: String

  var testDescription: String { "\(keyPath): \(problem)" }
}

/// A source entry with `body` as its keys (indented by four spaces).
private func source(_ body: String) -> String {
  "sources:\n  - name: ipsum\n" + body.split(separator: "\n").map { "    \($0)\n" }.joined()
}

@Suite struct ConfigLoaderTests {
  static let file = "/etc/falco-ipfeed/falco-ipfeed.yaml"

  static func parse(_ yaml: String) throws(ConfigError) -> Config {
    try ConfigLoader.parse(yaml: yaml, file: file)
  }

  // MARK: - Defaults

  @Test(arguments: ["", "\n", "# only a comment\n", "~\n", "---\n", "output:\nfalco:\nhttp:\n"])
  func anEmptyFileIsTheDefaults(yaml: String) throws {
    #expect(try Self.parse(yaml) == .defaults)
  }

  @Test func theShippedFileIsTheDefaults() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let path = root.appendingPathComponent("etc/falco-ipfeed/falco-ipfeed.yaml").path
    #expect(try ConfigLoader.load(path: path) == .defaults)
  }

  @Test func theDesignsBlockIsTheDefaults() throws {
    let yaml = """
      interval: 6h          # durations: 30s, 15m, 6h, 1d
      jitter: 10m           # random delay added to each poll: spreads a fleet
      state_directory: /var/lib/falco-ipfeed
      sources:
        - name: ipsum
          url: https://raw.githubusercontent.com/stamparm/ipsum/master/ipsum.txt
          format: ipsum     # ipsum ("ADDRESS<TAB>COUNT") | plain (one address per line)
          threshold: 6      # keep addresses named by at least this many blacklists
      exclude: [192.0.2.0/24]   # never listed, besides the always-excluded special ranges
      output:
        mode: rules         # rules (a Falco list; every change reloads Falco) | plugin (no reload)
        data_path: /var/lib/falco-ipfeed/falco-ipfeed.bin   # plugin mode: what the plugin reads
        tiers: []           # e.g. [{min_score: 8, priority: CRITICAL}, {min_score: 3, priority: WARNING}]
        path: /etc/falco/rules.d/falco-ipfeed.yaml
        list_name: malicious_ip_list
        rule: true          # also write the macro and rule that use the list
        rule_fields: "command=%proc.cmdline connection=%fd.name user=%user.name container_id=%container.id"
      falco:
        reload: auto        # auto | sighup | restart | none
        unit: falco.service
        pid_file: ""        # instead of unit, on hosts without systemd
        config: /etc/falco/falco.yaml
        binary: falco       # used to validate a new file before it is installed
        validate: auto      # auto (when the binary exists) | always | never
      safety:
        max_removed_percent: 50
        min_entries: 1
      history_days: 180
      http:
        timeout: 60s
        max_bytes: 64MiB
        ca_file: ""
      """
    #expect(try Self.parse(yaml) == .defaults)
  }

  // MARK: - Round trips

  @Test func theDefaultsRoundTrip() throws {
    let yaml = Config.defaults.effectiveYAML()
    #expect(try Self.parse(yaml) == .defaults)
  }

  @Test func aConfigWithEveryValueChangedRoundTrips() throws {
    let config = Config(
      interval: .seconds(5_400), jitter: .zero, stateDirectory: "/srv/state dir/ipfeed",
      sources: [
        SourceConfig(name: "ipsum", url: SourceConfig.ipsum.url, format: .ipsum, threshold: 3),
        SourceConfig(name: "local-list_2", url: "file:///var/lib/feeds/x.txt", format: .plain),
        SourceConfig(name: "null", url: "http://feeds.example/list?token=a%20b#x", format: .plain),
        SourceConfig(name: "123", url: "HTTPS://EXAMPLE.COM/ipsum.txt", threshold: 10),
      ],
      exclude: [
        try AddressPrefix(parsing: "10.1.0.0/16"), try AddressPrefix(parsing: "2001:db8::/32"),
        try AddressPrefix(parsing: "203.0.113.7"), try AddressPrefix(parsing: "::1"),
      ],
      output: OutputConfig(
        mode: .plugin, dataPath: "/srv/ip feed/data.bin",
        tiers: [
          RiskTier(minScore: 9, priority: .emergency), RiskTier(minScore: 2, priority: .notice),
        ],
        path: "/etc/falco/rules.d/50 my \"list\".yaml", listName: "_Bad_IPs2", rule: false,
        ruleFields: "cmd=%proc.cmdline \\ «ü» # not a comment: \"quoted\""),
      falco: FalcoConfig(
        reload: .sighup, unit: "", pidFile: "/run/falco.pid", config: "/opt/falco/falco.yaml",
        binary: "", validate: .never),
      safety: SafetyConfig(maxRemovedPercent: 0, minEntries: 0),
      historyDays: 1,
      http: HTTPConfig(timeout: .seconds(1), maxBytes: 1_000, caFile: "/etc/ssl/ca.pem"))
    let yaml = config.effectiveYAML()
    let loaded = try Self.parse(yaml)
    #expect(loaded == config)
    #expect(loaded.effectiveYAML() == yaml)
  }

  @Test(arguments: [ReloadMode.auto, .sighup, .restart, .none])
  func everyReloadModeRoundTrips(mode: ReloadMode) throws {
    var config = Config.defaults
    config.falco.reload = mode
    #expect(try Self.parse(config.effectiveYAML()) == config)
  }

  // MARK: - Accepted values

  @Test func aSourceTakesItsFormatsDefaults() throws {
    let config = try Self.parse(
      """
      sources:
        - name: a
          url: https://a.example/list
        - name: b
          url: https://b.example/list
          format: plain
      """)
    #expect(
      config.sources == [
        SourceConfig(name: "a", url: "https://a.example/list", format: .ipsum, threshold: 6),
        SourceConfig(name: "b", url: "https://b.example/list", format: .plain, threshold: 1),
      ])
  }

  @Test(arguments: [
    ("https://example.com/list.txt", "https://example.com/list.txt"),
    ("http://user:pw@example.com:8080/x", "http://user:pw@example.com:8080/x"),
    ("file:///var/lib/feeds/x.txt", "file:///var/lib/feeds/x.txt"),
    ("/var/lib/feeds/x.txt", "file:///var/lib/feeds/x.txt"),
    ("\"/var/lib/my feeds/liste ü.txt\"", "file:///var/lib/my%20feeds/liste%20%C3%BC.txt"),
  ])
  func acceptsURLs(written: String, url: String) throws {
    let config = try Self.parse(source("url: \(written)\nformat: plain"))
    #expect(config.sources.map(\.url.text) == [url])
  }

  @Test func readsEveryKindOfValue() throws {
    let config = try Self.parse(
      """
      interval: 1h30m
      jitter: 0
      exclude:
        - 2001:db8::/32
        - "198.51.100.7"
      output:
        rule: no
        rule_fields:
      falco:
        pid_file: ~
        reload: none
      safety:
        max_removed_percent: "100"
        min_entries: +0
      http:
        max_bytes: 1048576
        timeout: 2m
      """)
    #expect(config.interval == .seconds(5_400))
    #expect(config.jitter == .zero)
    #expect(
      config.exclude == [
        try AddressPrefix(parsing: "2001:db8::/32"), try AddressPrefix(parsing: "198.51.100.7"),
      ])
    #expect(!config.output.rule)
    #expect(config.output.ruleFields == "")
    #expect(config.falco.pidFile == "")
    #expect(config.falco.reload == .none)
    #expect(config.safety == SafetyConfig(maxRemovedPercent: 100, minEntries: 0))
    #expect(config.http.maxBytes == 1 << 20)
    #expect(config.http.timeout == .seconds(120))
  }

  @Test(arguments: ["exclude: []", "exclude:", "exclude: ~"])
  func anEmptyExcludeIsNoExclusion(yaml: String) throws {
    #expect(try Self.parse(yaml).exclude == [])
  }

  @Test func anIPv6ExclusionInAFlowList() throws {
    let config = try Self.parse("exclude: [192.0.2.0/24, 2001:db8::/32, \"::1\"]")
    #expect(config.exclude.map(\.description) == ["192.0.2.0/24", "2001:db8::/32", "::1/128"])
  }

  // MARK: - Rejected values

  static let rejected: [RejectedConfig] = [
    // Unknown keys.
    .init(
      yaml: "intervall: 6h", keyPath: "intervall", line: 1,
      problem: "unknown key \"intervall\"; the top-level keys are interval, jitter,"
        + " state_directory, sources, exclude, output, falco, safety, history_days, http",
      fix: "did you mean interval? Rename the key to interval"),
    .init(
      yaml: source("url: https://x.example/a\nthreshhold: 6"),
      keyPath: "sources[0].threshhold", line: 4,
      problem: "the keys of sources[0] are name, url, format, threshold",
      fix: "did you mean threshold?"),
    .init(
      yaml: "output:\n  listName: x", keyPath: "output.listName", line: 2,
      problem: "the keys of output are mode, data_path, tiers, path, list_name, rule, rule_fields",
      fix: "Rename the key to list_name"),
    .init(
      yaml: "timeout: 30s", keyPath: "timeout", line: 1, problem: "unknown key",
      fix: "move it to http.timeout"),
    .init(
      yaml: "threshold: 3", keyPath: "threshold", problem: "unknown key",
      fix: "move it to sources[0].threshold"),
    .init(
      yaml: "colour: red", keyPath: "colour", problem: "unknown key \"colour\"",
      fix: "delete it, or use one of the keys named"),
    .init(
      yaml: "interval: 6h\ninterval: 1d", keyPath: "", line: 1,
      problem: "a key appears more than once in the same mapping: interval",
      fix: "keep one interval"),

    // Kinds.
    .init(
      yaml: "- interval: 6h", keyPath: "", problem: "expected a mapping of keys, found a list",
      fix: "write one key per line"),
    .init(
      yaml: "output: /etc/falco/rules.d/x.yaml", keyPath: "output",
      value: "/etc/falco/rules.d/x.yaml", line: 1,
      problem: "expected a mapping of keys, found text", fix: "indented below output"),
    .init(
      yaml: "interval: [6h]", keyPath: "interval", problem: "expected a duration, found a list",
      fix: "30s, 15m, 6h or 1d"),
    .init(
      yaml: "interval:", keyPath: "interval", problem: "expected a duration, found no value",
      fix: "delete the line to take the default"),
    .init(
      yaml: "exclude: 192.0.2.0/24", keyPath: "exclude", value: "192.0.2.0/24",
      problem: "expected a list, found text", fix: "exclude: [192.0.2.0/24]"),
    .init(
      yaml: "sources:\n  name: ipsum", keyPath: "sources",
      problem: "expected a list, found a mapping",
      fix: "each source starts with \"- name: …\""),
    .init(
      yaml: "sources:\n  - https://x.example/a", keyPath: "sources[0]",
      value: "https://x.example/a", problem: "expected a mapping with name and url",
      fix: "write each source as \"- name: …\""),
    .init(
      yaml: "output:\n  rule: maybe", keyPath: "output.rule", value: "maybe", line: 2,
      problem: "expected true or false", fix: "set output.rule to true or false"),
    .init(
      yaml: source("url: https://x.example/a\nthreshold: six"), keyPath: "sources[0].threshold",
      value: "six", problem: "expected a whole number", fix: "digits only"),
    .init(
      yaml: "history_days: 1.5", keyPath: "history_days", value: "1.5",
      problem: "expected a whole number", fix: "digits only"),
    .init(
      yaml: "history_days: 99999999999999999999", keyPath: "history_days",
      value: "99999999999999999999", problem: "too large", fix: "smaller"),
    .init(
      yaml: source("url: https://x.example/a\nformat: csv"), keyPath: "sources[0].format",
      value: "csv", problem: "expected one of ipsum, plain",
      fix: "set sources[0].format to one of: ipsum, plain"),
    .init(
      yaml: "falco:\n  reload: reboot", keyPath: "falco.reload", value: "reboot",
      problem: "expected one of auto, sighup, restart, none",
      fix: "one of: auto, sighup, restart, none"),
    .init(
      yaml: "falco:\n  validate: sometimes", keyPath: "falco.validate", value: "sometimes",
      problem: "expected one of auto, always, never", fix: "one of: auto, always, never"),

    // Durations and sizes.
    .init(
      yaml: "interval: 6", keyPath: "interval", value: "6", line: 1,
      problem: "a duration needs a unit", fix: "30s, 15m, 6h or 1d"),
    .init(
      yaml: "interval: 1.5h", keyPath: "interval", value: "1.5h", problem: "whole number",
      fix: "write a duration like"),
    .init(
      yaml: "interval: 30s", keyPath: "interval", value: "30s",
      problem: "the interval must be at least 1m", fix: "set interval to 1m or more"),
    .init(
      yaml: "jitter: 7h", keyPath: "jitter", value: "7h",
      problem: "the jitter must be shorter than the interval (6h)",
      fix: "set jitter to less than 6h"),
    .init(
      yaml: "jitter: 6h", keyPath: "jitter", value: "6h",
      problem: "shorter than the interval (6h)", fix: "less than 6h"),
    .init(
      yaml: "interval: 5m", keyPath: "jitter", value: "10m", line: 1,
      problem: "it was not set, and 10m is the default", fix: "set jitter to less than 5m"),
    .init(
      yaml: "jitter: -1m", keyPath: "jitter", value: "-1m", problem: "cannot be negative",
      fix: "write a duration"),
    .init(
      yaml: "http:\n  timeout: 0s", keyPath: "http.timeout", value: "0s", line: 2,
      problem: "at least 1s", fix: "set http.timeout to 1s or more"),
    .init(
      yaml: "http:\n  max_bytes: 64MB", keyPath: "http.max_bytes", value: "64MB",
      problem: "did you mean 64MiB?", fix: "KiB, MiB or GiB"),
    .init(
      yaml: "http:\n  max_bytes: 0", keyPath: "http.max_bytes", value: "0",
      problem: "more than 0", fix: "64MiB"),

    // Sources.
    .init(
      yaml: source("url: https://x.example/a\nthreshold: 0"), keyPath: "sources[0].threshold",
      value: "0", line: 4, problem: "a threshold must be at least 1",
      fix: "set sources[0].threshold to 1 or more (IPsum's count of blacklists naming an address)"
    ),
    .init(
      yaml: source("url: https://x.example/a\nthreshold: -2"), keyPath: "sources[0].threshold",
      value: "-2", problem: "at least 1", fix: "1 or more"),
    .init(
      yaml: source("url: https://x.example/a\nformat: plain\nthreshold: 3"),
      keyPath: "sources[0].threshold", value: "3",
      problem: "with format: plain every address counts as 1, so the threshold must be 1",
      fix: "delete sources[0].threshold or set it to 1"),
    .init(
      yaml: "sources: []", keyPath: "sources", problem: "no source is listed",
      fix: "delete sources to use the default IPsum source"),
    .init(
      yaml: "sources:", keyPath: "sources", problem: "no source is listed",
      fix: "list at least one source"),
    .init(
      yaml: "sources:\n  - url: https://x.example/a", keyPath: "sources[0].name", line: 2,
      problem: "every source needs a name", fix: "add name: to sources[0]"),
    .init(
      yaml: "sources:\n  - name: a", keyPath: "sources[0].url", line: 2,
      problem: "every source needs a url", fix: "add url: to sources[0]"),
    .init(
      yaml: "sources:\n  - name: a\n    url: https://a.example/1\n"
        + "  - name: a\n    url: https://a.example/2",
      keyPath: "sources[1].name", value: "a", line: 4,
      problem: "sources[0] has this name already", fix: "give each source a name of its own"),
    .init(
      yaml: "sources:\n  - name: My Feed\n    url: https://a.example/1",
      keyPath: "sources[0].name", value: "My Feed",
      problem: "lowercase letters, digits, - and _", fix: "rename it, like name: my-feed"),
    .init(
      yaml: "sources:\n  - name: _x\n    url: https://a.example/1", keyPath: "sources[0].name",
      value: "_x", problem: "starting with a letter or a digit", fix: "name: x"),
    .init(
      yaml: "sources:\n  - name: \"\"\n    url: https://a.example/1", keyPath: "sources[0].name",
      value: "", problem: "lowercase letters", fix: "rename it"),
    .init(
      yaml: "sources:\n  - name: \(String(repeating: "a", count: 65))\n    url: https://a/1",
      keyPath: "sources[0].name", value: String(repeating: "a", count: 65),
      problem: "at most 64 characters", fix: "shorter name"),
    .init(
      yaml: source("url: ftp://x.example/a"), keyPath: "sources[0].url",
      value: "ftp://x.example/a", line: 3,
      problem: "the scheme \"ftp\" is not supported: use https, http or file",
      fix: "write sources[0].url as https://…, http://…, file:///… or an absolute path"),
    .init(
      yaml: source("url: feeds/x.txt"), keyPath: "sources[0].url", value: "feeds/x.txt",
      problem: "not a URL", fix: "an absolute path"),
    .init(
      yaml: source("url: file://host/x.txt"), keyPath: "sources[0].url",
      value: "file://host/x.txt", problem: "three slashes", fix: "file:///"),
    .init(
      yaml: source("url: https:///x.txt"), keyPath: "sources[0].url", value: "https:///x.txt",
      problem: "names no host", fix: "https://"),
    .init(
      yaml: source("url: https://x.example/a b"), keyPath: "sources[0].url",
      value: "https://x.example/a b", problem: "write a space as %20", fix: "https://"),
    .init(
      yaml: source("url: \"\""), keyPath: "sources[0].url", value: "",
      problem: "a source needs a URL", fix: "https://"),
    // A rejected URL is quoted without its credentials.
    .init(
      yaml: source("url: ftp://user:s3cret@x.example/a?key=s3cret"), keyPath: "sources[0].url",
      value: "ftp://x.example/a", problem: "the scheme \"ftp\" is not supported", fix: "https://"),
    .init(
      yaml: source("url: https://user:s3cret@x.example:99999/a"), keyPath: "sources[0].url",
      value: "https://x.example:99999/a", problem: "the port \"99999\" is not a number",
      fix: "https://"),
    .init(
      yaml: source("url: https:x.example/a"), keyPath: "sources[0].url",
      value: "https:x.example/a", problem: "write https:// and then the host", fix: "https://"),

    // Exclusions.
    .init(
      yaml: "exclude: [192.0.2.1/24]", keyPath: "exclude[0]", value: "192.0.2.1/24", line: 1,
      problem: "host bits are set below /24; write 192.0.2.0/24", fix: "CIDR notation"),
    .init(
      yaml: "exclude:\n  - 192.0.2.0/24\n  - example.com", keyPath: "exclude[1]",
      value: "example.com", line: 3, problem: "not an IPv4 or IPv6 address",
      fix: "write an address (203.0.113.7) or a prefix"),
    .init(
      yaml: "exclude: [10.0.0.0/33]", keyPath: "exclude[0]", value: "10.0.0.0/33",
      problem: "out of range", fix: "CIDR"),
    .init(
      yaml: "exclude:\n  -\n", keyPath: "exclude[0]", problem: "expected an address or a prefix",
      fix: "CIDR"),

    // Output.
    .init(
      yaml: "output:\n  path: rules.d/x.yaml", keyPath: "output.path", value: "rules.d/x.yaml",
      problem: "must be absolute", fix: "absolute path ending in .yaml"),
    .init(
      yaml: "output:\n  path: /etc/falco/rules.d/x.yml", keyPath: "output.path",
      value: "/etc/falco/rules.d/x.yml", problem: "must end in .yaml",
      fix: "/etc/falco/rules.d/falco-ipfeed.yaml"),
    .init(
      yaml: "output:\n  path: /etc/falco/rules.d/", keyPath: "output.path",
      value: "/etc/falco/rules.d/", problem: "must end in .yaml", fix: "ending in .yaml"),
    .init(
      yaml: "output:\n  list_name: bad-name", keyPath: "output.list_name", value: "bad-name",
      problem: "a Falco list name is letters, digits and _",
      fix: "set output.list_name to a name like malicious_ip_list"),
    .init(
      yaml: "output:\n  list_name: 1list", keyPath: "output.list_name", value: "1list",
      problem: "not starting with a digit", fix: "malicious_ip_list"),
    .init(
      yaml: "output:\n  list_name: \"\"", keyPath: "output.list_name", value: "",
      problem: "a Falco list name", fix: "malicious_ip_list"),
    .init(
      yaml: "output:\n  rule_fields: \"a\\nb\"", keyPath: "output.rule_fields", value: "a\nb",
      problem: "one line", fix: "on one line"),
    // C1 controls and Unicode line separators: the rules file would not load as YAML.
    .init(
      yaml: "output:\n  rule_fields: \"a\\u008Db\"", keyPath: "output.rule_fields",
      value: "a\u{8D}b", problem: "without control characters", fix: "on one line"),
    .init(
      yaml: "output:\n  rule_fields: \"a\\u2028b\"", keyPath: "output.rule_fields",
      value: "a\u{2028}b", problem: "line separators", fix: "on one line"),

    // Falco.
    .init(
      yaml: "falco:\n  reload: restart\n  unit: \"\"", keyPath: "falco.unit", value: "", line: 3,
      problem: "reload: restart restarts Falco's systemd unit", fix: "set falco.unit"),
    .init(
      yaml: "falco:\n  unit: \"\"", keyPath: "falco.unit", value: "",
      problem: "reload: auto needs Falco's systemd unit or its pid file",
      fix: "or set falco.reload: none"),
    .init(
      yaml: "falco:\n  reload: sighup\n  unit: \"\"", keyPath: "falco.unit", value: "",
      problem: "reload: sighup needs", fix: "falco.pid_file"),
    .init(
      yaml: "falco:\n  unit: falco", keyPath: "falco.unit", value: "falco",
      problem: "ends in .service", fix: "falco.service"),
    .init(
      yaml: "falco:\n  pid_file: falco.pid", keyPath: "falco.pid_file", value: "falco.pid",
      problem: "Falco's pid file must be given as an absolute path or \"\"",
      fix: "set falco.pid_file to an absolute path like /run/falco.pid, or to \"\" for none"),
    .init(
      yaml: "falco:\n  config: falco.yaml", keyPath: "falco.config", value: "falco.yaml",
      problem: "Falco's config file must be given as an absolute path",
      fix: "/etc/falco/falco.yaml"),
    .init(
      yaml: "falco:\n  binary: bin/falco", keyPath: "falco.binary", value: "bin/falco",
      problem: "a command name looked up in PATH or an absolute path", fix: "/usr/bin/falco"),
    .init(
      yaml: "falco:\n  binary: \"\"", keyPath: "falco.binary", value: "",
      problem: "validate: auto needs the Falco binary", fix: "falco.validate: never"),

    // Safety, history, paths.
    .init(
      yaml: "safety:\n  max_removed_percent: 101", keyPath: "safety.max_removed_percent",
      value: "101", line: 2, problem: "a percentage is 0 to 100",
      fix: "set safety.max_removed_percent to 0–100"),
    .init(
      yaml: "safety:\n  max_removed_percent: -1", keyPath: "safety.max_removed_percent",
      value: "-1", problem: "0 to 100", fix: "0–100"),
    .init(
      yaml: "safety:\n  min_entries: -1", keyPath: "safety.min_entries", value: "-1",
      problem: "cannot be negative", fix: "set safety.min_entries to 0 or more"),
    .init(
      yaml: "history_days: 0", keyPath: "history_days", value: "0",
      problem: "at least 1 day", fix: "set history_days to 1 or more"),
    .init(
      yaml: "state_directory: var/lib/x", keyPath: "state_directory", value: "var/lib/x",
      problem: "the state directory must be given as an absolute path",
      fix: "/var/lib/falco-ipfeed"),
    .init(
      yaml: "http:\n  ca_file: certs.pem", keyPath: "http.ca_file", value: "certs.pem",
      problem: "the CA file must be given as an absolute path or \"\"", fix: "for none"),

    // YAML syntax.
    .init(
      yaml: "interval: 6h\noutput:\n  path: [unclosed\n", keyPath: "", line: 4,
      problem: "not valid YAML: line 4", fix: "correct the YAML at line 4"),
    .init(
      yaml: "interval: 6h\n  jitter: 1m\n", keyPath: "", line: 2,
      problem: "not valid YAML: line 2, column 9", fix: "check the indentation"),
    .init(
      yaml: "exclude: [::1]", keyPath: "", line: 1, problem: "not valid YAML: line 1",
      fix: "quote values that begin with :"),
  ]

  @Test(arguments: rejected)
  func rejects(_ bad: RejectedConfig) {
    #expect {
      try Self.parse(bad.yaml)
    } throws: { error in
      guard let error = error as? ConfigError else { return false }
      #expect(error.file == Self.file)
      #expect(error.keyPath == bad.keyPath)
      #expect(error.value == bad.value)
      if let line = bad.line { #expect(error.line == line) }
      #expect(error.problem.contains(bad.problem), "\(error.problem)")
      #expect(error.fix.contains(bad.fix), "\(error.fix)")
      #expect(error.description.hasPrefix(Self.file))
      #expect(error.description.contains(bad.fix))
      #expect(!error.description.contains("\n"))
      return true
    }
  }

  @Test func theThresholdMessageReadsAsDocumented() {
    #expect {
      try Self.parse(source("url: https://x.example/a\nthreshold: 0"))
    } throws: { error in
      (error as? ConfigError)?.description
        == "/etc/falco-ipfeed/falco-ipfeed.yaml:4: sources[0].threshold: \"0\" is not valid:"
        + " a threshold must be at least 1. Fix: set sources[0].threshold to 1 or more"
        + " (IPsum's count of blacklists naming an address)."
    }
  }

  // MARK: - Files

  @Test func aMissingFileSaysHowToCreateIt() {
    let path = "/nonexistent/falco-ipfeed-test/falco-ipfeed.yaml"
    #expect {
      try ConfigLoader.load(path: path)
    } throws: { error in
      (error as? ConfigError)
        == ConfigError(
          file: path, keyPath: "", problem: "the config file does not exist",
          fix: "create it (make install puts the default one there) or pass --config PATH")
    }
  }

  @Test func aDirectoryIsNoConfigFile() {
    #expect {
      try ConfigLoader.load(path: NSTemporaryDirectory())
    } throws: { error in
      (error as? ConfigError)?.problem == "this is a directory, not a config file"
    }
  }

  @Test func loadsAFileAndNamesItInErrors() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("config-loader-\(UInt64.random(in: 0 ... .max))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    let good = directory.appendingPathComponent("good.yaml")
    try Data("interval: 1d\n".utf8).write(to: good)
    #expect(try ConfigLoader.load(path: good.path).interval == .seconds(86_400))

    let bad = directory.appendingPathComponent("bad.yaml")
    try Data("# comment\nhistory_days: 0\n".utf8).write(to: bad)
    #expect {
      try ConfigLoader.load(path: bad.path)
    } throws: { error in
      (error as? ConfigError)?.description.hasPrefix("\(bad.path):2: history_days: \"0\"") == true
    }

    let binary = directory.appendingPathComponent("binary.yaml")
    try Data([0x69, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: binary)
    #expect {
      try ConfigLoader.load(path: binary.path)
    } throws: { error in
      (error as? ConfigError)?.problem == "the config file is not UTF-8 text"
    }
  }
}
