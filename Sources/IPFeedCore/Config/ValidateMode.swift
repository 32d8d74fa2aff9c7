/// Whether a new rules file is checked with `falco -V` before it is installed
/// (`falco.validate`).
public enum ValidateMode: String, Sendable, CaseIterable {
  /// Validate when the Falco binary (`falco.binary`) exists.
  case auto
  /// Always validate; a missing binary fails the update.
  case always
  /// Never validate.
  case never
}
