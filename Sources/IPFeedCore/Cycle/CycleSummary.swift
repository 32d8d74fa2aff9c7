/// The lines `falco-ipfeed once` prints: first one summary line (total, +added, −removed, or
/// unchanged), then one line per source.
public enum CycleSummary {
  /// - Parameter dataPath: plugin mode's data file, where the list goes; nil in rules mode.
  public static func lines(
    for report: CycleReport, outputPath: String, dataPath: String? = nil
  ) -> [String] {
    [headline(report, outputPath: outputPath, dataPath: dataPath)]
      + report.sources.map(sourceLine)
  }

  static func headline(_ report: CycleReport, outputPath: String, dataPath: String?) -> String {
    let listPath = dataPath ?? outputPath
    switch report.outcome {
    case .applied(let diff):
      var written = listPath
      if dataPath != nil {
        written += report.rulesFileInstalled ? " and \(outputPath)" : ", no Falco reload"
      }
      return "applied: \(report.total) addresses (+\(diff.added.count) −\(diff.removed.count))"
        + " written to \(written)" + change(report)
    case .rewritten:
      var files: [String] = []
      if dataPath == nil || report.rulesFileInstalled { files.append(outputPath) }
      if let dataPath, report.dataFileGeneration != nil { files.append(dataPath) }
      return "rewritten: \(report.total) addresses, list unchanged;"
        + " \(files.joined(separator: " and ")) written anew" + change(report)
    case .unchanged:
      return "unchanged: \(report.total) addresses; \(listPath) not rewritten"
    case .held(let hold):
      return "held: \(hold)"
    case .rejectedByFalco(let rejection):
      return "held: \(rejection)"
    case .noData:
      return "failed: no source delivered a usable feed and none has earlier data;"
        + " \(outputPath) not written"
    }
  }

  /// " (change 7)": the id `falco-ipfeed history` shows.
  static func change(_ report: CycleReport) -> String {
    report.changeID.map { " (change \($0))" } ?? ""
  }

  static func sourceLine(_ source: SourceReport) -> String {
    let prefix = "  \(source.name): "
    switch source.result {
    case .downloaded(let stats, let feed):
      return prefix + "\(stats.summary), \(lines(feed))"
    case .notModified(let stats, let feed):
      return prefix + "\(stats.summary) not modified, last body reused: \(lines(feed))"
    case .fetchFailed(let error, let fallback):
      return prefix + "FAILED: \(error.cause)" + fallbackNote(fallback)
    case .rejected(let rejection, _, let fallback):
      return prefix + "REJECTED: \(rejection)" + fallbackNote(fallback)
    }
  }

  static func lines(_ feed: ParsedFeed) -> String {
    var text = "\(feed.entries.count) addresses in \(feed.lines.total) lines"
    if feed.lines.invalid > 0 {
      text += ", \(feed.lines.invalid) invalid lines ignored"
      if let first = feed.firstBadLine { text += " (first: \(first))" }
    }
    if feed.lines.duplicates > 0 { text += ", \(feed.lines.duplicates) repeated" }
    return text
  }

  static func fallbackNote(_ fallback: ParsedFeed?) -> String {
    fallback == nil
      ? "; no earlier data to fall back on"
      : "; its last good data (\(fallback!.entries.count) addresses) was used"
  }
}
