/// The Falco rules file that falco-ipfeed writes (`output`).
public struct OutputConfig: Sendable, Equatable {
  /// Absolute, ending in `.yaml`.
  public var path: String
  /// The Falco list's name: `[A-Za-z_][A-Za-z0-9_]*`.
  public var listName: String
  /// Also write the macro and the rule that use the list.
  public var rule: Bool
  /// The fields in the rule's output line.
  public var ruleFields: String

  public static let defaultRuleFields = FalcoRulesRenderer.defaultRuleFields

  public init(
    path: String = "/etc/falco/rules.d/falco-ipfeed.yaml",
    listName: String = FalcoListName.standard,
    rule: Bool = true, ruleFields: String = OutputConfig.defaultRuleFields
  ) {
    self.path = path
    self.listName = listName
    self.rule = rule
    self.ruleFields = ruleFields
  }
}
