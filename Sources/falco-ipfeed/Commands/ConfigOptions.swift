import ArgumentParser
import IPFeedCore
import IPFeedSystem

/// `--config PATH`, for every subcommand that reads the config.
struct ConfigOptions: ParsableArguments {
  @Option(name: .long, help: "The config file.")
  var config: String = Config.defaultPath

  /// The validated config; an invalid one is reported and exits 78 (EX_CONFIG).
  func load() throws -> Config {
    do {
      return try ConfigLoader.load(path: config)
    } catch {
      printError("\(error)")
      throw ExitCode(ExitStatus.invalidConfig)
    }
  }
}
