import ArgumentParser
import Dispatch
import IPFeedCore
import IPFeedSystem

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run the daemon: the systemd unit's ExecStart.",
    discussion: """
      Polls the sources every `interval` plus up to `jitter`. Signals: SIGHUP re-reads the \
      config (an invalid one keeps the running config), SIGUSR1 runs a cycle now, SIGTERM \
      stops (exit 0). Exit 78 when the config is invalid at start.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let config = try configOptions.load()
    let logger = LogSetup.bootstrap(.daemon)
    if let warning = ConfigFileExposure.warning(path: configOptions.config, config: config) {
      logger.warning("the config file exposes credentials", metadata: ["problem": "\(warning)"])
    }
    if let warning = TierCoverage.warning(config) {
      logger.warning("the risk tiers leave scores uncovered", metadata: ["problem": "\(warning)"])
    }
    // One wall clock for the daemon's decisions and the journal's times.
    let clocks = DaemonClocks.system
    let daemon = Daemon(
      config: config, configPath: configOptions.config, logger: logger, clocks: clocks,
      makeRunner: { config, logger in
        UpdateRunner(config: config, logger: logger, now: clocks.wall)
      })
    daemon.start()
    dispatchMain()
  }
}
