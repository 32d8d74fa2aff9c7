/// What falco-ipfeed writes for Falco (`output`): the rules file and, in plugin mode, the data
/// file that the plugin reads.
public struct OutputConfig: Sendable, Equatable {
  public var mode: OutputMode
  /// Plugin mode: the data file the plugin reads; absolute.
  public var dataPath: String
  /// Risk tiers: one rule per tier. Empty: one rule of priority `WARNING`.
  public var tiers: [RiskTier]
  /// Absolute, ending in `.yaml`.
  public var path: String
  /// The Falco list's name: `[A-Za-z_][A-Za-z0-9_]*`.
  public var listName: String
  /// Also write the macro and the rule that use the list.
  public var rule: Bool
  /// The fields in the rule's output line.
  public var ruleFields: String

  public static let defaultRuleFields = FalcoRulesRenderer.defaultRuleFields

  public static let defaultDataPath = "/var/lib/falco-ipfeed/falco-ipfeed.bin"

  public init(
    mode: OutputMode = .rules, dataPath: String = OutputConfig.defaultDataPath,
    tiers: [RiskTier] = [], path: String = "/etc/falco/rules.d/falco-ipfeed.yaml",
    listName: String = FalcoListName.standard, rule: Bool = true,
    ruleFields: String = OutputConfig.defaultRuleFields
  ) {
    self.mode = mode
    self.dataPath = dataPath
    self.tiers = tiers
    self.path = path
    self.listName = listName
    self.rule = rule
    self.ruleFields = ruleFields
  }

  /// Plugin mode: where the plugin writes what it has loaded (its `init_config`'s
  /// `status_path`), in the data file's directory, which Falco's unit may write
  /// (`/var/lib/falco-ipfeed/falco-plugin-status.json` by default).
  public var pluginStatusPath: String {
    let directory = dataPath.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    return directory.joined(separator: "/") + "/" + PluginInitConfig.suggestedStatusFileName
  }
}
