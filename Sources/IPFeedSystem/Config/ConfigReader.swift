import IPFeedCore
import Yams

/// Builds a `Config` from the composed YAML of the config file and checks every value: absent
/// keys take their defaults, anything else is read strictly.
struct ConfigReader {
  let file: String

  static let topKeys = [
    "interval", "jitter", "state_directory", "sources", "exclude", "output", "falco", "safety",
    "history_days", "http",
  ]
  static let sourceKeys = ["name", "url", "format", "threshold"]
  static let outputKeys = [
    "mode", "data_path", "tiers", "path", "list_name", "rule", "rule_fields",
  ]
  static let tierKeys = ["min_score", "priority"]
  static let falcoKeys = ["reload", "unit", "pid_file", "config", "binary", "validate"]
  static let safetyKeys = ["max_removed_percent", "min_entries"]
  static let httpKeys = ["timeout", "max_bytes", "ca_file"]

  /// Keys of the sections, by where they belong, for a hint when one is written at the top.
  private static let elsewhere: [String: String] = {
    var paths: [String: String] = [:]
    for key in sourceKeys { paths[key] = "sources[0].\(key) (each source has its own)" }
    for (section, keys) in [
      ("output", outputKeys), ("falco", falcoKeys), ("safety", safetyKeys), ("http", httpKeys),
    ] {
      for key in keys { paths[key] = "\(section).\(key)" }
    }
    return paths
  }()

  func config(from root: Node?) throws(ConfigError) -> Config {
    let top = try ConfigMapping(
      root, path: "", file: file, known: Self.topKeys, elsewhere: Self.elsewhere)
    var config = Config.defaults
    try readSchedule(top, into: &config)
    if let field = top["state_directory"] {
      config.stateDirectory = try absolutePath(
        field, what: "the state directory", example: "/var/lib/falco-ipfeed")
    }
    if let field = top["sources"] { config.sources = try sources(field) }
    if let field = top["exclude"] { config.exclude = try exclude(field) }
    config.output = try output(top.section("output", known: Self.outputKeys))
    config.falco = try falco(top.section("falco", known: Self.falcoKeys))
    config.safety = try safety(top.section("safety", known: Self.safetyKeys))
    if let field = top["history_days"] {
      config.historyDays = try field.int()
      guard config.historyDays >= 1 else {
        throw field.invalid(
          "the history must keep at least 1 day",
          fix: "set history_days to 1 or more (the default keeps 180 days)")
      }
    }
    config.http = try http(top.section("http", known: Self.httpKeys))
    return config
  }

  // MARK: - Sections

  private func readSchedule(_ top: ConfigMapping, into config: inout Config) throws(ConfigError) {
    let minimum = DurationText.format(Config.minimumInterval)
    if let field = top["interval"] {
      let interval = try field.duration()
      guard interval >= Config.minimumInterval else {
        throw field.invalid(
          "the interval must be at least \(minimum): IPsum changes once a day, and polling"
            + " more often only loads the feed hosts",
          fix: "set interval to \(minimum) or more; the default 6h suits IPsum")
      }
      config.interval = interval
    }
    if let field = top["jitter"] { config.jitter = try field.duration() }
    guard config.jitter < config.interval else {
      let interval = DurationText.format(config.interval)
      let written = top["jitter"]
      throw ConfigError(
        file: file, line: written?.line ?? top["interval"]?.line, keyPath: "jitter",
        value: written?.text ?? DurationText.format(config.jitter),
        problem: "the jitter must be shorter than the interval (\(interval))"
          + (written == nil ? "; it was not set, and 10m is the default" : ""),
        fix: "set jitter to less than \(interval) (0s for no random delay)")
    }
  }

  private func sources(_ field: ConfigField) throws(ConfigError) -> [SourceConfig] {
    let items = try field.list(
      fix: "write sources as a list: each source starts with \"- name: …\" and has url: …")
    guard !items.isEmpty else {
      throw ConfigError(
        file: file, line: field.line, keyPath: field.keyPath,
        problem: "no source is listed; falco-ipfeed needs at least one feed",
        fix: "list at least one source (name: and url:), or delete sources to use the default"
          + " IPsum source")
    }
    var sources: [SourceConfig] = []
    var indexByName: [String: Int] = [:]
    for (index, item) in items.enumerated() {
      let (source, nameField) = try self.source(item)
      if let earlier = indexByName[source.name] {
        throw nameField.invalid(
          "sources[\(earlier)] has this name already",
          fix: "give each source a name of its own")
      }
      indexByName[source.name] = index
      sources.append(source)
    }
    return sources
  }

  private func source(_ item: ConfigField) throws(ConfigError) -> (SourceConfig, ConfigField) {
    let path = item.keyPath
    guard case .mapping = item.node else {
      throw item.wrongKind(
        expected: "a mapping with name and url",
        fix: "write each source as \"- name: …\" with url: … (and optionally format: and"
          + " threshold:) indented below it")
    }
    let source = try ConfigMapping(item.node, path: path, file: file, known: Self.sourceKeys)

    guard let nameField = source["name"] else {
      throw source.missing(
        "name", problem: "every source needs a name",
        fix: "add name: to \(path): lowercase letters, digits, - and _ (like name: ipsum)")
    }
    let name = try nameField.string()
    guard name.count <= 64 else {
      throw nameField.invalid(
        "a source name has at most 64 characters", fix: "give the source a shorter name")
    }
    guard Self.isSourceName(name) else {
      throw nameField.invalid(
        "a source name is lowercase letters, digits, - and _, starting with a letter or a"
          + " digit (it becomes a journal field value and part of file names)",
        fix: "rename it, like name: \(Self.suggestedSourceName(name))")
    }

    guard let urlField = source["url"] else {
      throw source.missing(
        "url", problem: "every source needs a url",
        fix: "add url: to \(path): \(FeedURL.forms)")
    }
    let urlText = try urlField.string()
    let url: FeedURL
    do {
      url = try FeedURL(parsing: urlText)
    } catch {
      throw urlField.invalid(
        error.problem, shownValue: error.text, fix: "write \(path).url as \(FeedURL.forms)")
    }

    let format = try source["format"]?.choice(FeedFormat.self) ?? .ipsum
    var threshold = format.defaultThreshold
    if let field = source["threshold"] {
      threshold = try field.int()
      if let problem = format.thresholdProblem(threshold) {
        throw field.invalid(
          problem,
          fix: format == .plain
            ? "delete \(field.keyPath) or set it to 1; for a feed with counts use format: ipsum"
            : "set \(field.keyPath) to 1 or more (IPsum's count of blacklists naming an address)")
      }
    }
    return (SourceConfig(name: name, url: url, format: format, threshold: threshold), nameField)
  }

  private func exclude(_ field: ConfigField) throws(ConfigError) -> [AddressPrefix] {
    let fix =
      "write an address (203.0.113.7) or a prefix in CIDR notation (198.51.100.0/24,"
      + " 2001:db8::/32)"
    var prefixes: [AddressPrefix] = []
    for item in try field.list(fix: "write exclude as a list, like exclude: [192.0.2.0/24]") {
      guard let text = item.text, !item.isNull else {
        throw item.wrongKind(expected: "an address or a prefix", fix: fix)
      }
      do {
        prefixes.append(try AddressPrefix(parsing: text))
      } catch {
        throw item.invalid(error.reason, fix: fix)
      }
    }
    return prefixes
  }

  private func output(_ section: ConfigMapping) throws(ConfigError) -> OutputConfig {
    var output = OutputConfig()
    if let field = section["mode"] { output.mode = try field.choice(OutputMode.self) }
    if let field = section["data_path"] { output.dataPath = try dataPath(field) }
    if let field = section["tiers"] { output.tiers = try tiers(field) }
    if let field = section["path"] {
      let path = try field.string()
      let fix =
        "set output.path to an absolute path ending in .yaml, like"
        + " /etc/falco/rules.d/falco-ipfeed.yaml"
      guard path.hasPrefix("/") else {
        throw field.invalid("the rules file's path must be absolute", fix: fix)
      }
      guard path.hasSuffix(".yaml"), !path.hasSuffix("/.yaml") else {
        throw field.invalid("the rules file's name must end in .yaml", fix: fix)
      }
      output.path = path
    }
    if let field = section["list_name"] {
      output.listName = try field.string()
      guard FalcoListName.isValid(output.listName) else {
        throw field.invalid(
          FalcoListName.rule, fix: "set output.list_name to a name like \(FalcoListName.standard)")
      }
    }
    if let field = section["rule"] { output.rule = try field.bool() }
    if let field = section["rule_fields"] {
      output.ruleFields = try field.string()
      guard output.ruleFields.unicodeScalars.allSatisfy(YAMLText.isOneLinePrintable) else {
        throw field.invalid(
          "the rule's output fields are one line of text, without control characters or line"
            + " separators",
          fix: "write output.rule_fields on one line, like \"connection=%fd.name\"")
      }
    }
    return output
  }

  /// An absolute path to a file. (`/tmp` is allowed: without systemd there is no PrivateTmp;
  /// `check-config` warns about it.)
  private func dataPath(_ field: ConfigField) throws(ConfigError) -> String {
    let path = try absolutePath(
      field, what: "the data file", example: OutputConfig.defaultDataPath)
    guard !path.hasSuffix("/") else {
      throw field.invalid(
        "the data file's path names a directory",
        fix: "set output.data_path to a file, like \(OutputConfig.defaultDataPath)")
    }
    return path
  }

  /// A list of `{min_score, priority}`: distinct scores, and a higher score never a less
  /// severe priority.
  private func tiers(_ field: ConfigField) throws(ConfigError) -> [RiskTier] {
    let example = "[{min_score: 8, priority: CRITICAL}, {min_score: 3, priority: WARNING}]"
    let items = try field.list(fix: "write output.tiers as a list, like \(example)")
    var tiers: [(tier: RiskTier, field: ConfigField)] = []
    for item in items {
      guard case .mapping = item.node else {
        throw item.wrongKind(
          expected: "a mapping with min_score and priority",
          fix: "write each tier as {min_score: N, priority: P}, like \(example)")
      }
      let mapping = try ConfigMapping(
        item.node, path: item.keyPath, file: file, known: Self.tierKeys)
      guard let scoreField = mapping["min_score"] else {
        throw mapping.missing(
          "min_score", problem: "every tier needs the lowest score it covers",
          fix: "add min_score: to \(item.keyPath), like min_score: 8")
      }
      let minScore = try scoreField.int()
      guard minScore >= 1 else {
        throw scoreField.invalid(
          "a tier's min_score is at least 1 (a score counts the blacklists naming an address)",
          fix: "set \(scoreField.keyPath) to 1 or more")
      }
      guard let priorityField = mapping["priority"] else {
        throw mapping.missing(
          "priority", problem: "every tier needs the priority of its alerts",
          fix: "add priority: to \(item.keyPath), like priority: CRITICAL")
      }
      let names = FalcoPriority.allCases.map(\.rawValue).joined(separator: ", ")
      guard let text = priorityField.text, !priorityField.isNull,
        let priority = FalcoPriority(text: text)
      else {
        throw priorityField.invalid(
          "expected one of Falco's priorities: \(names)",
          fix: "set \(priorityField.keyPath) to one of \(names)")
      }
      let tier = RiskTier(minScore: minScore, priority: priority)
      for (earlier, earlierField) in tiers {
        if earlier.minScore == minScore {
          throw scoreField.invalid(
            "\(earlierField.keyPath) has this min_score already",
            fix: "give each tier a min_score of its own")
        }
        if earlier.priority == priority {
          throw priorityField.invalid(
            "\(earlierField.keyPath) has this priority already; two tiers of one priority are"
              + " one tier",
            fix: "keep the tier with the lower min_score and delete the other")
        }
        let (higher, lower) = earlier.minScore > minScore ? (earlier, tier) : (tier, earlier)
        if higher.priority > lower.priority {
          throw priorityField.invalid(
            "a tier of higher scores must not alert at a lower priority: min_score"
              + " \(higher.minScore) has \(higher.priority.rawValue), min_score"
              + " \(lower.minScore) has \(lower.priority.rawValue)",
            fix: "give the tier with the higher min_score the more severe priority")
        }
      }
      tiers.append((tier, item))
    }
    return tiers.map(\.tier)
  }

  private func falco(_ section: ConfigMapping) throws(ConfigError) -> FalcoConfig {
    var falco = FalcoConfig()
    if let field = section["reload"] { falco.reload = try field.choice(ReloadMode.self) }
    if let field = section["unit"] {
      falco.unit = try field.string()
      guard falco.unit.isEmpty || Self.isServiceUnit(falco.unit) else {
        throw field.invalid(
          "a systemd service unit's name ends in .service and holds no spaces or slashes",
          fix: "set falco.unit to Falco's unit, like falco.service, or to \"\"")
      }
    }
    if let field = section["pid_file"] {
      falco.pidFile = try absolutePath(
        field, what: "Falco's pid file", example: "/run/falco.pid", allowEmpty: true)
    }
    if let field = section["config"] {
      falco.config = try absolutePath(
        field, what: "Falco's config file", example: "/etc/falco/falco.yaml")
    }
    if let field = section["binary"] {
      falco.binary = try field.string()
      guard !falco.binary.contains("/") || falco.binary.hasPrefix("/") else {
        throw field.invalid(
          "the Falco binary is a command name looked up in PATH or an absolute path",
          fix: "set falco.binary to falco or to an absolute path like /usr/bin/falco")
      }
    }
    if let field = section["validate"] { falco.validate = try field.choice(ValidateMode.self) }

    func conflict(_ key: String, value: String, _ problem: String, fix: String) -> ConfigError {
      ConfigError(
        file: file, line: section[key]?.line ?? section.line, keyPath: section.keyPath(key),
        value: value, problem: problem, fix: fix)
    }
    if falco.binary.isEmpty, falco.validate != .never {
      throw conflict(
        "binary", value: "",
        "validate: \(falco.validate.rawValue) needs the Falco binary to check a new rules file",
        fix: "set falco.binary to falco (or its absolute path), or set falco.validate: never")
    }
    switch falco.reload {
    case .restart where falco.unit.isEmpty:
      throw conflict(
        "unit", value: "", "reload: restart restarts Falco's systemd unit, and none is named",
        fix: "set falco.unit to Falco's unit (falco.service with Falco's packages), or choose"
          + " another falco.reload")
    case .auto where falco.unit.isEmpty && falco.pidFile.isEmpty,
      .sighup where falco.unit.isEmpty && falco.pidFile.isEmpty:
      throw conflict(
        "unit", value: "",
        "reload: \(falco.reload.rawValue) needs Falco's systemd unit or its pid file to reach"
          + " Falco, and both are empty",
        fix: "set falco.unit (falco.service with Falco's packages) or falco.pid_file, or set"
          + " falco.reload: none when Falco watches its rules files")
    default:
      break
    }
    return falco
  }

  private func safety(_ section: ConfigMapping) throws(ConfigError) -> SafetyConfig {
    var safety = SafetyConfig()
    if let field = section["max_removed_percent"] {
      safety.maxRemovedPercent = try field.int()
      guard (0...100).contains(safety.maxRemovedPercent) else {
        throw field.invalid(
          "a percentage is 0 to 100",
          fix: "set safety.max_removed_percent to 0–100 (0 holds any removal, 100 none)")
      }
    }
    if let field = section["min_entries"] {
      safety.minEntries = try field.int()
      guard safety.minEntries >= 0 else {
        throw field.invalid(
          "the minimum number of entries cannot be negative",
          fix: "set safety.min_entries to 0 or more (0 turns this guard off)")
      }
    }
    return safety
  }

  private func http(_ section: ConfigMapping) throws(ConfigError) -> HTTPConfig {
    var http = HTTPConfig()
    if let field = section["timeout"] {
      http.timeout = try field.duration()
      guard http.timeout >= .seconds(1) else {
        throw field.invalid(
          "the timeout must be at least 1s", fix: "set http.timeout to 1s or more, like 60s")
      }
    }
    if let field = section["max_bytes"] {
      http.maxBytes = try field.byteSize()
      guard http.maxBytes > 0 else {
        throw field.invalid(
          "the size limit must be more than 0",
          fix: "set http.max_bytes to a size like 64MiB (IPsum is about 2 MB)")
      }
    }
    if let field = section["ca_file"] {
      http.caFile = try absolutePath(
        field, what: "the CA file", example: "/etc/ssl/certs/ca-certificates.crt",
        allowEmpty: true)
    }
    return http
  }

  // MARK: - Values

  private func absolutePath(
    _ field: ConfigField, what: String, example: String, allowEmpty: Bool = false
  ) throws(ConfigError) -> String {
    let path = try field.string()
    if path.isEmpty, allowEmpty { return path }
    guard path.hasPrefix("/") else {
      throw field.invalid(
        "\(what) must be given as an absolute path" + (allowEmpty ? " or \"\"" : ""),
        fix: "set \(field.keyPath) to an absolute path like \(example)"
          + (allowEmpty ? ", or to \"\" for none" : ""))
    }
    return path
  }

  /// `[a-z0-9][a-z0-9_-]*`
  static func isSourceName(_ name: String) -> Bool {
    func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
      ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
    guard let first = name.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
    return name.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "_" || $0 == "-" }
  }

  /// A valid name close to `name`: lowercased, other characters as `-`.
  private static func suggestedSourceName(_ name: String) -> String {
    let mapped = String(
      name.lowercased().unicodeScalars.map { scalar -> Character in
        let character = Character(scalar)
        return isSourceName(String(character)) || scalar == "_" ? character : "-"
      })
    let trimmed = mapped.drop { $0 == "-" || $0 == "_" }
    return trimmed.isEmpty || trimmed.count > 64 ? "ipsum" : String(trimmed)
  }

  /// `NAME.service` without spaces, slashes or control characters.
  static func isServiceUnit(_ name: String) -> Bool {
    name.hasSuffix(".service") && name.count > ".service".count
      && !name.unicodeScalars.contains { $0 == "/" || $0.value <= 0x20 || $0.value == 0x7F }
  }
}
