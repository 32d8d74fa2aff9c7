import ArgumentParser
import IPFeedCore

struct CheckConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check-config",
    abstract: "Validate the config and print the effective config.",
    discussion: "Exit status: 0 valid; 78 invalid (the message names file, key, value and fix)."
  )

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let config = try configOptions.load()
    print("# \(configOptions.config): valid. Effective config:")
    print(config.effectiveYAML(redactingURLs: true), terminator: "")
  }
}
