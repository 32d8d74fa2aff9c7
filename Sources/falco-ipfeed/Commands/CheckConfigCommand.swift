import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct CheckConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate the config and print the effective config.",
    discussion: "Exit status: 0 valid; 78 invalid (the message names file, key, value and fix)."
  )

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let config = try configOptions.load()
    if let warning = ConfigFileExposure.warning(path: configOptions.config, config: config) {
      printError("warning: \(warning)")
    }
    let reload = FalcoReloaders.plan(for: config)
    print("# \(configOptions.config): valid.")
    print("# Falco reload: \(reload)")
    if let warning = reload.warning { print("# Falco reload needs attention: \(warning)") }
    print("# Effective config:")
    print(config.effectiveYAML(redactingURLs: true), terminator: "")
  }
}
