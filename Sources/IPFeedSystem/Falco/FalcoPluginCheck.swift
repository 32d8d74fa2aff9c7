import IPFeedCore

/// Plugin mode's `falco -V`: the rules file uses the plugin's fields, so it is valid only for a
/// Falco that loads the plugin. The check runs with Falco's own config, the one Falco starts
/// with: a config that does not load the plugin fails it, and the update is held, since Falco
/// would not load such a rules file (and would not start with it). The rejection then says
/// what to add to Falco's config.
public struct FalcoPluginCheck: Sendable {
  public var falcoConfig: String

  public init(falcoConfig: String) {
    self.falcoConfig = falcoConfig
  }

  /// What to do about a rejected file when Falco's config does not load the plugin; nil when
  /// it does (the rejection is about something else).
  func hint() -> String? {
    guard let facts = try? FalcoConfigReader.facts(at: falcoConfig),
      let problem = FalcoPluginSetup.problem(with: facts, falcoConfigPath: falcoConfig)
    else { return nil }
    return "\(problem): add the lines that falco-ipfeed falco-config prints; the next cycle"
      + " installs the file"
  }
}
