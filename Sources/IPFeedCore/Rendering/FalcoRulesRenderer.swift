/// Renders the list as one Falco rules file: a header comment, the list, then the macro and
/// the rule that use it. Deterministic: the same list and settings give the same bytes (no
/// time stamp), so an unchanged list never rewrites the file and never costs Falco a reload.
///
/// Nothing from a feed reaches the file but canonical addresses printed from integers.
public struct FalcoRulesRenderer: Sendable, Hashable {
  /// A source as the header names it.
  public struct SourceSummary: Sendable, Hashable {
    public var name: String
    /// Where the source comes from, as the header shows it: a redacted URL or a file name.
    public var location: String
    public var format: FeedFormat
    public var threshold: Int

    public init(name: String, location: String, format: FeedFormat, threshold: Int) {
      self.name = name
      self.location = location
      self.format = format
      self.threshold = threshold
    }

    /// A configured source, its URL redacted.
    public init(_ source: SourceConfig) {
      self.init(
        name: source.name, location: source.url.redacted, format: source.format,
        threshold: source.threshold)
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
  /// Rules mode: the addresses are Falco lists. Plugin mode: the rules ask falco-ipfeed's plugin,
  /// and the file holds no address, so a list change leaves its bytes alone.
  public var mode: OutputMode
  /// One list (rules mode) and one rule per tier; empty: one list and one `WARNING` rule.
  public var tiers: [RiskTier]
  /// Plugin mode: the data file, named in the header.
  public var dataPath: String

  public init(
    listName: String = FalcoListName.standard, includeRule: Bool = true,
    ruleFields: String = defaultRuleFields, sources: [SourceSummary], mode: OutputMode = .rules,
    tiers: [RiskTier] = [], dataPath: String = OutputConfig.defaultDataPath
  ) {
    self.listName = listName
    self.includeRule = includeRule
    self.ruleFields = ruleFields
    self.sources = sources
    self.mode = mode
    self.tiers = tiers
    self.dataPath = dataPath
  }

  public var macroName: String { "\(listName)_connection" }
  public var ruleName: String { Self.ruleName(listName) }

  /// The rule of a tier (or of the whole list) named after its list.
  static func ruleName(_ listName: String) -> String {
    "Connection with an address on \(listName) (falco-ipfeed)"
  }

  /// A tier's list (and rule) name: `malicious_ip_list_critical`.
  public func listName(of tier: RiskTier) -> String {
    "\(listName)_\(tier.priority.rawValue.lowercased())"
  }

  /// The names of the Falco lists the file defines (none in plugin mode).
  public var listNames: [String] {
    switch mode {
    case .plugin: []
    case .rules:
      tiers.isEmpty ? [listName] : RiskTier.ranges(of: tiers).map { listName(of: $0.tier) }
    }
  }

  public func render(_ list: AddressList) -> [UInt8] {
    switch mode {
    case .rules:
      var out: [UInt8] = []
      // The items' worst case is known: reserving it once means no regrowth and no copy.
      out.reserveCapacity(Self.fixedBytesEstimate + Self.itemBytesBound(list))
      renderRules(list, into: &out, flushingAt: .max) { (_: Span<UInt8>) throws(Never) in }
      return out
    case .plugin:
      return renderPlugin()
    }
  }

  /// Renders the file in pieces of about `chunkBytes` and hands each to `write`: the same bytes
  /// as `render(_:)`, without the whole file in memory (the `render` command writes 25 MB for a
  /// million addresses).
  public func render<Failure: Error>(
    _ list: AddressList, chunkBytes: Int = 1 << 18,
    to write: (Span<UInt8>) throws(Failure) -> Void
  ) throws(Failure) {
    switch mode {
    case .rules:
      var out: [UInt8] = []
      out.reserveCapacity(chunkBytes + Self.batchSize * Self.itemBytesMaximum)
      try renderRules(list, into: &out, flushingAt: chunkBytes, write)
      try write(out.span)
    case .plugin:
      try write(renderPlugin().span)
    }
  }

  // MARK: - Rules mode

  /// `    - "ADDRESS"` and a newline, at most.
  private static let itemBytesMaximum = 4 + 3 + IPAddress.maximumTextBytes + 2
  /// The longest IPv4 item: a dotted quad is at most 15 bytes.
  private static let ipv4ItemBytesMaximum = 4 + 3 + 15 + 2
  /// Items rendered between two checks of the output's room and of the chunk size.
  private static let batchSize = 1_024
  /// Header, macro and rules: a few kilobytes; more only costs one regrowth at the end.
  private static let fixedBytesEstimate = 8_192

  /// Room for every item of `list`, whichever tier it lands in, and for one batch's worst
  /// case: `appendItems` reserves that much whole, however few items are left.
  private static func itemBytesBound(_ list: AddressList) -> Int {
    let entries = list.entries
    // Sorted with IPv4 first: the first IPv6 entry, by binary search.
    var low = 0
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if case .v4 = entries[middle].address { low = middle + 1 } else { high = middle }
    }
    return low * ipv4ItemBytesMaximum + (entries.count - low) * itemBytesMaximum
      + batchSize * itemBytesMaximum
  }

  /// The scores of one list: from `minimum`, below `below` when there is a higher tier.
  private struct ScoreRange {
    static let all = ScoreRange(minimum: .min, below: nil)

    var minimum: Int
    var below: Int?

    func contains(_ score: Int) -> Bool {
      score >= minimum && (below.map { score < $0 } ?? true)
    }
  }

  /// Appends the file to `out`, handing `out` to `write` and emptying it whenever it holds
  /// `limit` bytes or more.
  private func renderRules<Failure: Error>(
    _ list: AddressList, into out: inout [UInt8], flushingAt limit: Int,
    _ write: (Span<UInt8>) throws(Failure) -> Void
  ) throws(Failure) {
    appendHeader(to: &out, trailer: ["Addresses: \(list.count)"])
    if tiers.isEmpty {
      try appendList(listName, list, scores: .all, into: &out, flushingAt: limit, write)
      if includeRule {
        out.append(contentsOf: macroText.utf8)
        out.append(contentsOf: listRuleText(listName, priority: .warning).utf8)
      }
      return
    }
    let ranges = RiskTier.ranges(of: tiers)
    for (tier, below) in ranges {
      let scores = ScoreRange(minimum: tier.minScore, below: below)
      try appendList(listName(of: tier), list, scores: scores, into: &out, flushingAt: limit, write)
    }
    if includeRule {
      out.append(contentsOf: macroText.utf8)
      for (tier, _) in ranges {
        out.append(contentsOf: listRuleText(listName(of: tier), priority: tier.priority).utf8)
      }
    }
  }

  /// The list of the entries whose score is in `scores`, read by index from the list itself: no
  /// filtered copy (a copy of each entry would also retain its source name).
  private func appendList<Failure: Error>(
    _ name: String, _ list: AddressList, scores: ScoreRange, into out: inout [UInt8],
    flushingAt limit: Int, _ write: (Span<UInt8>) throws(Failure) -> Void
  ) throws(Failure) {
    let entries = list.entries
    out.append(contentsOf: "\n- list: \(name)\n".utf8)
    guard entries.contains(where: { scores.contains($0.score) }) else {
      out.append(contentsOf: "  items: []\n".utf8)
      return
    }
    out.append(contentsOf: "  items:\n".utf8)
    var next = entries.startIndex
    while next < entries.endIndex {
      next = Self.appendItems(of: entries, from: next, scores: scores, to: &out)
      if out.count >= limit {
        try write(out.span)
        out.removeAll(keepingCapacity: true)
      }
    }
  }

  /// Appends up to `batchSize` items from `start` on, into one reserved stretch; returns the
  /// index after the last entry looked at.
  private static func appendItems(
    of entries: [ListedAddress], from start: Int, scores: ScoreRange, to out: inout [UInt8]
  ) -> Int {
    if case .v4 = entries[start].address {
      return appendIPv4Items(of: entries, from: start, scores: scores, to: &out)
    }
    var index = start
    out.append(addingCapacity: batchSize * itemBytesMaximum) { items in
      var written = 0
      while index < entries.endIndex, written < batchSize {
        let address = entries[index].address
        index += 1
        guard scores.contains(entries[index - 1].score) else { continue }
        written += 1
        for offset in itemStart.indices { items.append(itemStart[offset]) }
        address.appendText(to: &items)
        items.append(UInt8(ascii: "\""))
        items.append(UInt8(ascii: "\n"))
      }
    }
    return index
  }

  /// `    - "`: what starts an item.
  private static let itemStart: InlineArray<7, UInt8> = [0x20, 0x20, 0x20, 0x20, 0x2D, 0x20, 0x22]

  /// Like `appendItems`, for a run of IPv4 entries, nearly all of a list: the stretch is
  /// initialized once and written by index, a few instructions a byte, where appending to an
  /// output span reloads and stores its count for every byte.
  private static func appendIPv4Items(
    of entries: [ListedAddress], from start: Int, scores: ScoreRange, to out: inout [UInt8]
  ) -> Int {
    var index = start
    let octets = IPAddress.decimalOctets
    out.append(addingCapacity: batchSize * ipv4ItemBytesMaximum) { items in
      var end = items.count
      items.append(repeating: 0, count: batchSize * ipv4ItemBytesMaximum)
      var text = items.mutableSpan
      var written = 0
      while index < entries.endIndex, written < batchSize {
        guard case .v4(let value) = entries[index].address else { break }
        index += 1
        guard scores.contains(entries[index - 1].score) else { continue }
        written += 1
        precondition(end + ipv4ItemBytesMaximum <= text.count)
        for offset in 0..<7 { text[end &+ offset] = itemStart[offset] }
        end = IPAddress.writeDottedQuad(value, to: &text, at: end &+ 7, octets: octets.span)
        text[end] = UInt8(ascii: "\"")
        text[end &+ 1] = UInt8(ascii: "\n")
        end &+= 2
      }
      items.removeLast(items.count - end)
    }
    return index
  }

  private func listRuleText(_ name: String, priority: FalcoPriority) -> String {
    ruleText(
      name: Self.ruleName(name),
      desc: "A process connected to, or accepted a connection from, an address that threat feeds"
        + " list as malicious (falco-ipfeed list \(name)).",
      condition: "\(macroName) and (fd.sip in (\(name)) or fd.cip in (\(name)))",
      output: "Connection with an address on the malicious IP list \(name) (\(ruleFields))",
      priority: priority)
  }

  // MARK: - Plugin mode

  private func renderPlugin() -> [UInt8] {
    var out: [UInt8] = []
    appendHeader(
      to: &out,
      trailer: [
        "The addresses are not in this file: the Falco plugin \(FalcoPluginSetup.pluginName)",
        "(\(FalcoPluginSetup.libraryName)) reads them from \(dataPath),",
        "which falco-ipfeed replaces whenever its list changes, with no Falco reload.",
      ])
    out.append(
      contentsOf: """

        - required_plugin_versions:
            - name: \(FalcoPluginSetup.pluginName)
              version: \(FalcoPluginSetup.pluginVersion)

        """.utf8)
    out.append(contentsOf: macroText.utf8)
    guard includeRule else { return out }
    let evidence =
      "address=%ipfeed.address score=%ipfeed.score source=%ipfeed.source since=%ipfeed.since"
    let output =
      "Connection with an address on the malicious IP list \(listName) (\(evidence)"
      + (ruleFields.isEmpty ? ")" : " \(ruleFields))")
    let listed = "\(macroName) and ipfeed.listed = true"
    let desc =
      "A process connected to, or accepted a connection from, an address that threat feeds list"
      + " as malicious (falco-ipfeed plugin"
    guard !tiers.isEmpty else {
      out.append(
        contentsOf: ruleText(
          name: ruleName, desc: desc + ").", condition: listed, output: output, priority: .warning
        ).utf8)
      return out
    }
    for (tier, below) in RiskTier.ranges(of: tiers) {
      let scores =
        "ipfeed.score >= \(tier.minScore)" + (below.map { " and ipfeed.score < \($0)" } ?? "")
      let range = below.map { "\(tier.minScore) to \($0 - 1)" } ?? "\(tier.minScore) or more"
      out.append(
        contentsOf: ruleText(
          name: Self.ruleName(listName(of: tier)), desc: desc + ", score \(range)).",
          condition: "\(listed) and \(scores)", output: output, priority: tier.priority
        ).utf8)
    }
    return out
  }

  // MARK: - Common

  private func appendHeader(to out: inout [UInt8], trailer: [String]) {
    for line in headerLines() + trailer {
      out.append(contentsOf: "# \(Self.oneLine(line))\n".utf8)
    }
  }

  private func headerLines() -> [String] {
    var lines = [
      "Falco rules written by falco-ipfeed \(FalcoIPFeedVersion.string). Do not edit:",
      mode == .rules
        ? "falco-ipfeed replaces this file whenever its list changes."
        : "falco-ipfeed replaces this file whenever its config changes.",
      "Sources:",
    ]
    for source in sources {
      let threshold =
        source.format == .ipsum ? ", threshold \(source.threshold)" : ""
      lines.append(
        "  \(source.name) (\(source.format.rawValue)\(threshold)): \(source.location)"
      )
    }
    return lines
  }

  private var macroText: String {
    // Single-line quoted scalars: Falco 0.43 misreports folded (`>`) conditions as using the
    // deprecated `evt.dir`.
    """

    - macro: \(macroName)
      condition: \(Self.singleQuoted(Self.connectionCondition))

    """
  }

  private func ruleText(
    name: String, desc: String, condition: String, output: String, priority: FalcoPriority
  ) -> String {
    """

    - rule: \(Self.singleQuoted(name))
      desc: \(Self.singleQuoted(desc))
      condition: \(Self.singleQuoted(condition))
      output: \(Self.singleQuoted(output))
      priority: \(priority.rawValue)
      tags: [network, mitre_command_and_control, TA0011]

    """
  }

  /// `text` with what would end a comment line or break the YAML (see `YAMLText`) as spaces:
  /// a source named after a file (`render FILE`) can hold a newline.
  static func oneLine(_ text: String) -> String {
    var line = ""
    for scalar in text.unicodeScalars {
      line.unicodeScalars.append(YAMLText.isOneLinePrintable(scalar) ? scalar : " ")
    }
    return line
  }

  /// A YAML single-quoted scalar: only `'` needs escaping there; control characters and line
  /// separators, which a one-line scalar cannot hold (see `YAMLText`), become spaces.
  static func singleQuoted(_ text: String) -> String {
    var quoted = "'"
    for scalar in text.unicodeScalars {
      switch scalar {
      case "'": quoted += "''"
      case _ where !YAMLText.isOneLinePrintable(scalar): quoted += " "
      default: quoted.unicodeScalars.append(scalar)
      }
    }
    return quoted + "'"
  }
}
