/// What `reload: auto` needs to know of Falco's own config (`falco.yaml`).
public struct FalcoConfigFacts: Sendable, Hashable {
  /// `watch_config_files`; nil when the key is absent (Falco's default is true).
  public var watchConfigFiles: Bool?
  /// `rules_files` (or the older `rules_file`): files and directories Falco loads; nil when the
  /// key is absent, which means Falco's defaults.
  public var rulesPaths: [String]?

  /// `load_plugins`: the names of the plugins Falco loads; nil when the key is absent (Falco
  /// then loads every entry of `plugins`).
  public var loadPlugins: [String]?
  /// The entries of `plugins`.
  public var plugins: [PluginEntry]
  /// `config_files`: the files and directories Falco merges into its config.
  public var includedConfigFiles: [String] = []

  /// One entry of `plugins:`.
  public struct PluginEntry: Sendable, Hashable {
    public var name: String
    public var libraryPath: String?

    public init(name: String, libraryPath: String? = nil) {
      self.name = name
      self.libraryPath = libraryPath
    }
  }

  public init(
    watchConfigFiles: Bool? = nil, rulesPaths: [String]? = nil, loadPlugins: [String]? = nil,
    plugins: [PluginEntry] = []
  ) {
    self.watchConfigFiles = watchConfigFiles
    self.rulesPaths = rulesPaths
    self.loadPlugins = loadPlugins
    self.plugins = plugins
  }

  /// The plugins Falco loads: those `load_plugins` names, or without that key every entry of
  /// `plugins`.
  public var loadedPluginNames: [String] {
    loadPlugins ?? plugins.map(\.name)
  }

  /// Falco's packaged default `rules_files`.
  public static let defaultRulesPaths = [
    "/etc/falco/falco_rules.yaml", "/etc/falco/falco_rules.local.yaml", "/etc/falco/rules.d",
  ]

  /// Whether Falco loads `path`: it is listed, or lies in a listed directory.
  public func loads(_ path: String) -> Bool {
    (rulesPaths ?? Self.defaultRulesPaths).contains { listed in
      let directory = listed.hasSuffix("/") ? String(listed.dropLast()) : listed
      return path == directory || path.hasPrefix(directory + "/")
    }
  }
}
