/// Falco's own check (`falco -V`) found a new rules file invalid, so it was not installed: an
/// invalid file in Falco's rules directory would keep Falco from starting. The update is held
/// like one the safety guard refuses.
public struct RulesFileRejection: Error, Sendable, Hashable, CustomStringConvertible {
  /// What Falco said.
  public var falcoOutput: String

  public init(falcoOutput: String) {
    self.falcoOutput = falcoOutput
  }

  public var description: String {
    "update held: Falco found the new rules file invalid, so it was not installed and the"
      + " applied list stays. Falco said: \(falcoOutput)"
  }
}
