/// Renders the list as one Falco rules file: a header comment, the list, then the macro and
/// the rule that use it. Deterministic: the same list and settings give the same bytes (no
/// time stamp), so an unchanged list never rewrites the file and never costs Falco a reload.
///
/// Nothing from a feed reaches the file but canonical addresses printed from integers.
public struct FalcoRulesRenderer: Sendable, Hashable {
  /// A source as the header names it.
  public struct SourceSummary: Sendable, Hashable {
    public var name: String
    public var url: String
    public var format: FeedFormat
    public var threshold: Int

    public init(name: String, url: String, format: FeedFormat, threshold: Int) {
      self.name = name
      self.url = url
      self.format = format
      self.threshold = threshold
    }
  }

  public static let defaultRuleFields =
    "command=%proc.cmdline connection=%fd.name user=%user.name container_id=%container.id"

  /// The connections the rule looks at, as Falco's former `inbound_outbound` macro defined them,
  /// without the deprecated `evt.dir` (Falco no longer delivers enter events). The event-type
  /// restriction keeps Falco from evaluating the rule on every event.
  public static let connectionCondition =
    "evt.type in (accept, accept4, connect) and (fd.typechar = 4 or fd.typechar = 6)"
    + " and (fd.ip != \"0.0.0.0\" and fd.net != \"127.0.0.0/8\")"
    + " and (evt.rawres >= 0 or evt.res = EINPROGRESS)"

  public var listName: String
  public var includeRule: Bool
  public var ruleFields: String
  public var sources: [SourceSummary]

  public init(
    listName: String = "malicious_ip_list", includeRule: Bool = true,
    ruleFields: String = defaultRuleFields, sources: [SourceSummary]
  ) {
    self.listName = listName
    self.includeRule = includeRule
    self.ruleFields = ruleFields
    self.sources = sources
  }

  public var macroName: String { "\(listName)_connection" }
  public var ruleName: String { "Connection with an address on \(listName) (falco-ipfeed)" }

  public func render(_ list: AddressList) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(200 + list.count * 24 + (includeRule ? 1_000 : 0))
    for line in headerLines(count: list.count) {
      out.append(contentsOf: "# \(line)\n".utf8)
    }
    out.append(contentsOf: "\n- list: \(listName)\n".utf8)
    if list.isEmpty {
      out.append(contentsOf: "  items: []\n".utf8)
    } else {
      out.append(contentsOf: "  items:\n".utf8)
      // `    - "ADDRESS"` and a newline: all items into one reserved stretch, by index (a copy
      // of each entry would retain its source name).
      let entries = list.entries
      out.append(addingCapacity: entries.count * (IPAddress.maximumTextBytes + 9)) { items in
        for index in entries.indices {
          for _ in 0..<4 { items.append(UInt8(ascii: " ")) }
          items.append(UInt8(ascii: "-"))
          items.append(UInt8(ascii: " "))
          items.append(UInt8(ascii: "\""))
          entries[index].address.appendText(to: &items)
          items.append(UInt8(ascii: "\""))
          items.append(UInt8(ascii: "\n"))
        }
      }
    }
    if includeRule {
      out.append(contentsOf: ruleText.utf8)
    }
    return out
  }

  private func headerLines(count: Int) -> [String] {
    var lines = [
      "Falco rules written by falco-ipfeed \(FalcoIPFeedVersion.string). Do not edit:",
      "falco-ipfeed replaces this file whenever its list changes.",
      "Sources:",
    ]
    for source in sources {
      let threshold =
        source.format == .ipsum ? ", threshold \(source.threshold)" : ""
      lines.append(
        "  \(source.name) (\(source.format.rawValue)\(threshold)): \(RedactedURL.text(source.url))"
      )
    }
    lines.append("Addresses: \(count)")
    return lines
  }

  private var ruleText: String {
    // Single-line quoted scalars: Falco 0.43 misreports folded (`>`) conditions as using the
    // deprecated `evt.dir`.
    """

    - macro: \(macroName)
      condition: \(Self.singleQuoted(Self.connectionCondition))

    - rule: \(Self.singleQuoted(ruleName))
      desc: \(Self.singleQuoted(
        "A process connected to, or accepted a connection from, an address that threat feeds"
        + " list as malicious (falco-ipfeed list \(listName))."))
      condition: \(Self.singleQuoted(
        "\(macroName) and (fd.sip in (\(listName)) or fd.cip in (\(listName)))"))
      output: \(Self.singleQuoted(
        "Connection with an address on the malicious IP list \(listName) (\(ruleFields))"))
      priority: WARNING
      tags: [network, mitre_command_and_control, TA0011]

    """
  }

  /// A YAML single-quoted scalar: only `'` needs escaping there; control characters, which a
  /// single-quoted scalar cannot hold, become spaces.
  static func singleQuoted(_ text: String) -> String {
    var quoted = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "'": quoted += "''"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: quoted += " "
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "'"
  }
}
