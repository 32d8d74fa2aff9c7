import IPFeedCore

/// Plugin mode's `falco -V`: the rules file uses the plugin's fields, so Falco must load the
/// plugin to check it. When Falco's config does not load it yet, a small config file in the
/// state directory does so for the check, passed with `-o config_files=…`, which Falco merges
/// into its config (lists appended, so the plugins it loads now stay loaded).
public struct FalcoPluginCheck: Sendable {
  public var output: OutputConfig
  public var stateDirectory: String

  public init(output: OutputConfig, stateDirectory: String) {
    self.output = output
    self.stateDirectory = stateDirectory
  }

  public var configFilePath: String { "\(stateDirectory)/falco-plugin-check.yaml" }

  /// Writes the extra config file when Falco's config does not load the plugin and returns its
  /// path; nil when Falco loads the plugin already.
  func prepareConfigFile(falcoConfig: String) throws -> String? {
    let facts = try? FalcoConfigReader.facts(at: falcoConfig)
    guard let text = Self.configText(output, facts: facts) else { return nil }
    try FileSystem.createDirectories(stateDirectory)
    try AtomicDataFileWriter(path: configFilePath).install(Array(text.utf8))
    return configFilePath
  }

  /// The extra config: the plugin in `load_plugins` (with the plugins Falco loads now, for a
  /// config without `load_plugins`, which loads every entry) and its `plugins:` entry unless
  /// Falco's config has one. No status file: the check must not overwrite the running
  /// plugin's. Nil when `facts` says Falco loads the plugin.
  static func configText(_ output: OutputConfig, facts: FalcoConfigFacts?) -> String? {
    if let facts, FalcoPluginSetup.problem(with: facts, falcoConfigPath: "") == nil { return nil }
    var loaded = facts?.loadedPluginNames ?? [FalcoPluginSetup.containerPluginName]
    if !loaded.contains(FalcoPluginSetup.pluginName) { loaded.append(FalcoPluginSetup.pluginName) }
    var lines = [
      "# Written by falco-ipfeed for falco -V of the plugin-mode rules file; not used otherwise.",
      "load_plugins: [\(loaded.joined(separator: ", "))]",
    ]
    if !(facts?.plugins.contains { $0.name == FalcoPluginSetup.pluginName } ?? false) {
      lines += [
        "plugins:",
        "  - name: \(FalcoPluginSetup.pluginName)",
        "    library_path: \(FalcoPluginSetup.libraryPath)",
        "    init_config:",
        "      data_path: \(ConfigRenderer.doubleQuoted(output.dataPath))",
        "      status_path: \"\"",
      ]
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
