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
    for warning in [
      Self.privateTmpWarning(config), Self.pluginWarning(config), TierCoverage.warning(config),
    ] {
      if let warning { printError("warning: \(warning)") }
    }
  }

  /// In plugin mode, a data file in `/tmp` or `/var/tmp`, where Falco's packaged unit
  /// (`PrivateTmp=true`) does not see it.
  static func privateTmpWarning(_ config: Config) -> String? {
    let path = config.output.dataPath
    guard config.output.mode == .plugin,
      ["/tmp/", "/var/tmp/"].contains(where: { path.hasPrefix($0) })
    else { return nil }
    return "output.data_path \(path) is in a temporary directory: Falco's packaged units and"
      + " falco-ipfeed's run with PrivateTmp=true, so Falco would not see the file. Fix: set"
      + " output.data_path under the state directory, like \(OutputConfig.defaultDataPath)"
  }

  /// In plugin mode, why Falco's config would not load the plugin; nil when it would, or in
  /// rules mode.
  static func pluginWarning(_ config: Config) -> String? {
    guard config.output.mode == .plugin else { return nil }
    let fix = "add the lines that falco-ipfeed falco-config prints, then restart Falco"
    do {
      let facts = try FalcoConfigReader.facts(at: config.falco.config)
      return FalcoPluginSetup.problem(with: facts, falcoConfigPath: config.falco.config).map {
        "output.mode is plugin, but \($0): Falco cannot use the rules file. Fix: \(fix)"
      }
    } catch {
      return "output.mode is plugin, but Falco's config \(config.falco.config) could not be read"
        + " (\(error)) to check that it loads the plugin. Fix: \(fix)"
    }
  }
}
