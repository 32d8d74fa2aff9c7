import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "Show the applied changes, newest first.",
    discussion: """
      Per change: its id, time (UTC), +added, −removed, total, the rules file's SHA-256 and \
      the sources that produced it. Change summaries are kept for good; the addresses of \
      each change for history_days. Exit status: 0; 74 when the state journal cannot be read; \
      78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  @Option(help: "Show at most this many changes.")
  var limit = 20

  @Flag(help: "Print JSON for scripts (field names in README.md).")
  var json = false

  func validate() throws {
    guard limit >= 1 else { throw ValidationError("--limit must be 1 or more, not \(limit).") }
  }

  func run() throws {
    let config = try configOptions.load()
    let report: HistoryReport
    do {
      report =
        try StateReader.open(directory: config.stateDirectory)?.history(limit: limit)
        ?? HistoryReport.empty
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.stateUnreadable)
    }
    print(json ? report.json.text : report.text, terminator: "")
  }
}
