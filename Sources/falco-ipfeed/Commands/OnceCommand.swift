import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct OnceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "once",
    abstract: "Run one update cycle now, then exit.",
    discussion: """
      Exit status: 0 applied or unchanged; 3 held by a safety guard (nothing written); \
      1 failed (a source failed, or nothing could be applied); 78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  @Flag(help: "Apply the update even if the safety guard would hold it.")
  var force = false

  func run() throws {
    let config = try configOptions.load()
    let report: CycleReport
    do {
      report = try UpdateRunner(config: config, logger: CommandLogging.logger)
        .runOnce(force: force)
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.failed)
    }
    for line in CycleSummary.lines(for: report, outputPath: config.output.path) {
      print(line)
    }
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
  }
}
