/// What Falco needs to load falco-ipfeed's plugin in plugin mode: its name, its library, its
/// `init_config`, and the falco.yaml lines that say so (`falco-ipfeed falco-config`).
public enum FalcoPluginSetup {
  /// The plugin's name (`get_name`), the `name` of its `plugins:` entry and in `load_plugins`.
  public static let pluginName = FalcoPluginInfo.name
  /// The version the plugin reports, required by the plugin-mode rules file.
  public static let pluginVersion = FalcoPluginInfo.version
  public static let libraryName = "libfalco-ipfeed.so"
  /// Where `make install` puts the library: Falco's plugin directory.
  public static let libraryPath = FalcoPluginInfo.libraryPath
  /// The plugin Falco's packages load by default, for `%container.id` and the like.
  public static let containerPluginName = "container"

  /// The `init_config` keys and values for `output`.
  public static func initConfig(_ output: OutputConfig) -> [(key: String, value: String)] {
    [("data_path", output.dataPath), ("status_path", output.pluginStatusPath)]
  }

  /// The falco.yaml lines that load the plugin, keeping the plugins `facts` says Falco loads
  /// now (the container plugin when that is unknown).
  public static func falcoYAML(
    _ output: OutputConfig, facts: FalcoConfigFacts?, falcoConfigPath: String
  ) -> String {
    var loaded = facts.map(\.loadedPluginNames) ?? [containerPluginName]
    if !loaded.contains(pluginName) { loaded.append(pluginName) }
    let alreadyListed = facts?.plugins.contains { $0.name == pluginName } ?? false
    var lines = [
      "# falco-ipfeed plugin mode: the lines to set in \(falcoConfigPath).",
      "# load_plugins keeps the plugins Falco loads now; Falco must load them all.",
      "load_plugins: [\(loaded.joined(separator: ", "))]",
      "",
      alreadyListed
        ? "# Replace the \(pluginName) entry of plugins: with this one; keep the other entries."
        : "# Add this entry to plugins: (keep the entries there; add the key if there is none).",
      "plugins:",
      "  - name: \(pluginName)",
      "    library_path: \(libraryPath)",
      "    init_config:",
    ]
    for (key, value) in initConfig(output) {
      lines.append("      \(key): \(ConfigRenderer.doubleQuoted(value))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Why Falco, configured as `facts` says, would not load the plugin; nil when it would.
  public static func problem(with facts: FalcoConfigFacts, falcoConfigPath: String) -> String? {
    let loads = facts.loadedPluginNames.contains(pluginName)
    let entry = facts.plugins.contains { $0.name == pluginName }
    switch (loads, entry) {
    case (true, true):
      return nil
    case (false, true):
      return "\(falcoConfigPath) has a plugins: entry for \(pluginName) but load_plugins does"
        + " not name it"
    case (true, false):
      return "\(falcoConfigPath) names \(pluginName) in load_plugins but has no plugins: entry"
        + " for it"
    case (false, false):
      return "\(falcoConfigPath) does not load the plugin \(pluginName)"
    }
  }
}
