import ArgumentParser
import IPFeedCore
import IPFeedSystem

struct FalcoConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "falco-config",
    abstract: "Print the falco.yaml lines that load the plugin of plugin mode.",
    discussion: """
      Reads falco.config (Falco's falco.yaml) to keep the plugins it loads now in \
      load_plugins; without it, keeps the container plugin of Falco's packages. \
      Exit status: 0; 78 invalid config.
      """
  )

  @OptionGroup var configOptions: ConfigOptions

  func run() throws {
    let config = try configOptions.load()
    let facts = try? FalcoConfigReader.facts(at: config.falco.config)
    print(
      FalcoPluginSetup.falcoYAML(
        config.output, facts: facts, falcoConfigPath: config.falco.config),
      terminator: "")
  }
}
