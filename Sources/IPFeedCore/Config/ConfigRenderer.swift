/// Prints a `Config` as the YAML config file that holds it: every key, in the order of the
/// shipped file, with durations and sizes in their text forms (`6h`, `64MiB`). Loading the
/// text gives back an equal `Config`. `check-config` prints this as the effective config.
public enum ConfigRenderer {
  /// The config as YAML, ending in a newline. With `redactingURLs`, source URLs are shown
  /// without user info and query (`FeedURL.redacted`), each marked by a comment: for printing,
  /// not for loading back.
  public static func yaml(_ config: Config, redactingURLs: Bool = false) -> String {
    var lines = [
      "interval: \(DurationText.format(config.interval))",
      "jitter: \(DurationText.format(config.jitter))",
      "state_directory: \(scalar(config.stateDirectory))",
      "sources:",
    ]
    for source in config.sources {
      lines += [
        "  - name: \(scalar(source.name))",
        "    url: "
          + (redactingURLs && source.url.hasCredentials
            ? "\(scalar(source.url.redacted))  # user info and query hidden"
            : scalar(source.url.text)),
        "    format: \(source.format.rawValue)",
        "    threshold: \(source.threshold)",
      ]
    }
    let exclude = config.exclude.map { flowItem($0.description) }
    lines += [
      "exclude: [\(exclude.joined(separator: ", "))]",
      "output:",
      "  mode: \(config.output.mode.rawValue)",
      "  data_path: \(scalar(config.output.dataPath))",
      "  tiers: [\(config.output.tiers.map(tierItem).joined(separator: ", "))]",
      "  path: \(scalar(config.output.path))",
      "  list_name: \(scalar(config.output.listName))",
      "  rule: \(config.output.rule)",
      "  rule_fields: \(scalar(config.output.ruleFields))",
      "falco:",
      "  reload: \(config.falco.reload.rawValue)",
      "  unit: \(scalar(config.falco.unit))",
      "  pid_file: \(scalar(config.falco.pidFile))",
      "  config: \(scalar(config.falco.config))",
      "  binary: \(scalar(config.falco.binary))",
      "  validate: \(config.falco.validate.rawValue)",
      "safety:",
      "  max_removed_percent: \(config.safety.maxRemovedPercent)",
      "  min_entries: \(config.safety.minEntries)",
      "history_days: \(config.historyDays)",
      "http:",
      "  timeout: \(DurationText.format(config.http.timeout))",
      "  max_bytes: \(ByteSizeText.format(config.http.maxBytes))",
      "  ca_file: \(scalar(config.http.caFile))",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  /// A tier as a flow mapping: `{min_score: 8, priority: CRITICAL}`.
  static func tierItem(_ tier: RiskTier) -> String {
    "{min_score: \(tier.minScore), priority: \(tier.priority.rawValue)}"
  }

  /// A string as a YAML scalar in block context: plain when it cannot be read as anything but
  /// the same string (`/var/lib/falco-ipfeed`, `falco.service`, `https://…`), else double-quoted.
  static func scalar(_ text: String) -> String {
    isPlainSafe(text) ? text : doubleQuoted(text)
  }

  /// An item of a flow sequence: an IPv4 prefix plain, anything else double-quoted.
  static func flowItem(_ text: String) -> String {
    let isIPv4Prefix =
      text.first?.isNumber == true
      && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "." || $0 == "/") }
    return isIPv4Prefix ? text : doubleQuoted(text)
  }

  /// Starts with a letter, `_` or `/`, holds only characters without meaning in plain
  /// scalars, does not end in `:`, and is no YAML 1.1 boolean or null word. Numbers,
  /// timestamps and the like all start with a digit, a sign or a dot, so they are quoted.
  private static func isPlainSafe(_ text: String) -> Bool {
    guard let first = text.first, first.isASCII, first.isLetter || first == "_" || first == "/"
    else { return false }
    guard text.last != ":" else { return false }
    let allowed = Set("_./:%@+=-?#&;,~!*")
    guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || allowed.contains($0)) })
    else { return false }
    let words: Set = ["y", "n", "yes", "no", "true", "false", "on", "off", "null"]
    return !words.contains(text.lowercased())
  }

  /// A double-quoted YAML scalar with `"`, `\` and non-printable characters escaped.
  public static func doubleQuoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\u{2028}": out += "\\L"
      case "\u{2029}": out += "\\P"
      case "\u{FEFF}": out += "\\uFEFF"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension Config {
  /// This config as YAML that loads back to an equal config (see `ConfigRenderer`).
  public func effectiveYAML(redactingURLs: Bool = false) -> String {
    ConfigRenderer.yaml(self, redactingURLs: redactingURLs)
  }
}
