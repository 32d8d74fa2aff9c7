import ArgumentParser
import Glibc
import IPFeedCore
import IPFeedSystem

struct OnceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "once",
    abstract: "Run one update cycle now, then exit.",
    discussion: """
      Exit status: 0 applied or unchanged; 3 held by a safety guard (nothing written); \
      1 failed (a source failed, nothing could be applied, the state journal cannot be used, \
      or another cycle held the lock for 30 s); 78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  @Flag(help: "Apply the update even if the safety guard would hold it.")
  var force = false

  /// How long to wait for a cycle that holds the lock: 30 s, or
  /// FALCO_IPFEED_LOCK_WAIT_SECONDS (for tests).
  static var lockWait: Duration {
    guard let text = getenv("FALCO_IPFEED_LOCK_WAIT_SECONDS").map({ String(cString: $0) }),
      let seconds = Double(text), seconds >= 0
    else { return .seconds(30) }
    return .milliseconds(Int64(seconds * 1_000))
  }

  func run() throws {
    let config = try configOptions.load()
    let report: CycleReport
    do {
      report = try UpdateRunner(
        config: config, logger: CommandLogging.logger, lockWait: Self.lockWait
      ).runOnce(force: force)
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.failed)
    }
    let dataPath = config.output.mode == .plugin ? config.output.dataPath : nil
    for line in CycleSummary.lines(
      for: report, outputPath: config.output.path, dataPath: dataPath)
    {
      print(line)
    }
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
  }
}
