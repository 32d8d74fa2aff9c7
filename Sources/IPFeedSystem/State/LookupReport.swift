import IPFeedCore

/// What `falco-ipfeed lookup ADDRESS` shows: whether the address is listed now, with its score
/// and source, and every change that added or removed it.
public struct LookupReport: Sendable {
  /// As the user wrote it.
  public var query: String
  /// Canonical.
  public var address: IPAddress
  var data: LookupData?
  /// Why the address can never be listed, if it cannot: an always-excluded range or `exclude`.
  var exclusion: (prefix: String, reason: String)?
  var historyDays: Int

  /// Looks `address` up in the journal of `config.stateDirectory`.
  public static func read(
    query: String, address: IPAddress, config: Config
  ) throws(StateError) -> LookupReport {
    let data = try StateReader.open(directory: config.stateDirectory)?.lookupData(address)
    var exclusion: (String, String)?
    if let special = SpecialAddressRanges.range(containing: address) {
      exclusion = (special.prefix.description, "always excluded: \(special.purpose)")
    } else if let prefix = config.exclude.first(where: { $0.contains(address) }) {
      exclusion = (prefix.description, "excluded by the config's exclude")
    }
    return LookupReport(
      query: query, address: address, data: data, exclusion: exclusion,
      historyDays: config.historyDays)
  }

  public var isListed: Bool { data?.listed != nil }

  // MARK: - Text

  public var text: String {
    var lines: [String] = []
    let name =
      query == address.description ? address.description : "\(address) (written \(query))"
    if let listed = data?.listed {
      var line = "\(name): LISTED, score \(listed.score) from \(Self.sourceText(listed.source))"
      line += ", since \(StateText.time(listed.since))"
      line += listed.sinceChange.map { " (change \($0))" } ?? " (taken over from the rules file)"
      lines.append(line)
    } else {
      lines.append("\(name): not listed")
    }
    if let exclusion {
      lines.append("never listed: \(exclusion.prefix) is \(exclusion.reason)")
    }
    if data == nil || data?.initialized == false {
      lines.append("no list applied yet: no cycle has run")
    } else if let events = data?.events, !events.isEmpty {
      lines.append("history, newest first (kept \(historyDays) days):")
      let rows = events.map { event in
        [
          StateText.time(event.time), "change \(event.changeID)",
          event.added ? "added" : "removed", "score \(event.score)", Self.sourceText(event.source),
        ]
      }
      lines += StateText.table(rows).map { "  " + $0 }
    } else {
      lines.append("history: never added or removed in the \(historyDays) days kept")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A source name; empty for an address taken over from the rules file without a journal.
  static func sourceText(_ source: String) -> String {
    source.isEmpty ? "(unknown source)" : source
  }

  // MARK: - JSON

  public var json: JSONValue {
    typealias F = JSONValue.Field
    let listed = data?.listed
    return .object([
      F("query", .string(query)),
      F("address", .string(address.description)),
      F("listed", .bool(listed != nil)),
      F("score", .int(listed?.score)),
      F("source", .string(listed?.source)),
      F("listed_since", StateText.time(listed?.since)),
      F("listed_since_change", .int(listed?.sinceChange)),
      F(
        "excluded_by",
        exclusion.map {
          .object([F("prefix", .string($0.prefix)), F("reason", .string($0.reason))])
        }
          ?? .null),
      F("history_days", .int(historyDays)),
      F(
        "events",
        .array(
          (data?.events ?? []).map { event in
            .object([
              F("change_id", .int(event.changeID)),
              F("time", .string(StateText.time(event.time))),
              F("event", .string(event.added ? "added" : "removed")),
              F("score", .int(event.score)),
              F("source", .string(event.source)),
            ])
          })),
    ])
  }
}
