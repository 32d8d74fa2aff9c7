import IPFeedCore

/// What `falco-ipfeed history` shows: applied changes, newest first.
public struct HistoryReport: Sendable {
  struct Entry: Sendable {
    var change: ChangeRecord
    var sources: [ChangeSourceRecord]
  }

  var entries: [Entry]

  /// No journal yet.
  public static let empty = HistoryReport(entries: [])

  public var isEmpty: Bool { entries.isEmpty }

  // MARK: - Text

  /// A table: change, time, +added, −removed, total, the first 12 digits of the sha256, and
  /// the sources with the body each used.
  public var text: String {
    guard !entries.isEmpty else { return "no change recorded yet\n" }
    var rows = [["CHANGE", "TIME", "ADDED", "REMOVED", "TOTAL", "SHA256", "SOURCES"]]
    for entry in entries {
      let change = entry.change
      var sources = entry.sources.map { "\($0.source) (\(Self.bodyText($0.body)))" }
        .joined(separator: ", ")
      if change.forced { sources += sources.isEmpty ? "forced" : "; forced" }
      rows.append([
        "\(change.id ?? 0)", StateText.time(change.time), "+\(change.added)",
        "−\(change.removed)", "\(change.total)", String(change.sha256.prefix(12)), sources,
      ])
    }
    return StateText.table(rows, rightAligned: [0, 2, 3, 4]).joined(separator: "\n") + "\n"
  }

  static func bodyText(_ body: ChangeSourceRecord.Body) -> String {
    switch body {
    case .downloaded: "new body"
    case .notModified: "not modified"
    case .lastGood: "last good body"
    }
  }

  // MARK: - JSON

  public var json: JSONValue {
    typealias F = JSONValue.Field
    return .object([
      F(
        "changes",
        .array(
          entries.map { entry in
            let change = entry.change
            return .object([
              F("id", .int(change.id)),
              F("time", .string(StateText.time(change.time))),
              F("added", .int(change.added)),
              F("removed", .int(change.removed)),
              F("total", .int(change.total)),
              F("sha256", .string(change.sha256)),
              F("forced", .bool(change.forced)),
              F(
                "sources",
                .array(
                  entry.sources.map { source in
                    .object([
                      F("name", .string(source.source)),
                      F("url", .string(FeedURL.redacting(source.url))),
                      F("body", .string(source.body.rawValue)),
                      F("etag", .string(source.etag)),
                      F("last_modified", .string(source.lastModified)),
                      F("body_bytes", .int(source.bodyBytes)),
                      F("entries", .int(source.entries)),
                    ])
                  })),
            ])
          }))
    ])
  }
}
