import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the list, the rules file against the state journal, and each source.",
    discussion: """
      Reads the state journal without waiting for a running cycle. Per source: its URL, \
      validators, last check and result, last change, last error and consecutive failures. \
      Stale means no successful check for 2 × interval + jitter. Exit status: 0; 74 when the \
      state journal cannot be read; 78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  @Flag(help: "Print JSON for scripts (field names in README.md).")
  var json = false

  func run() throws {
    let config = try configOptions.load()
    let report: StatusReport
    do {
      report = try StatusReport.read(config: config, now: UpdateRunner.clock())
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.stateUnreadable)
    }
    print(json ? report.json.text : report.text, terminator: "")
  }
}
