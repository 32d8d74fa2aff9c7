/// The new rules file was not installed because Falco's own check (`falco -V`) did not pass it:
/// an invalid file in Falco's rules directory would keep Falco from starting. The update is held
/// like one the safety guard refuses, and the applied list stays.
public struct RulesFileRejection: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Cause: Sendable, Hashable {
    /// Falco ran and found the file invalid.
    case invalid
    /// `falco -V` could not run or finish (no binary, not executable, killed, timed out) and
    /// `falco.validate` is `always`: an unchecked file is not installed.
    case checkFailed
  }

  public var cause: Cause
  /// What Falco said (`invalid`), or why the check could not run (`checkFailed`).
  public var detail: String

  public init(_ cause: Cause, detail: String) {
    self.cause = cause
    self.detail = detail
  }

  /// For the STATUS line: what held the update, in a few words.
  public var shortText: String {
    switch cause {
    case .invalid: "Falco found the new rules file invalid"
    case .checkFailed: "falco -V could not check the new rules file"
    }
  }

  public var description: String {
    switch cause {
    case .invalid:
      "update held: Falco found the new rules file invalid, so it was not installed and the"
        + " applied list stays. Falco said: \(detail)"
    case .checkFailed:
      "update held: falco -V could not check the new rules file, and falco.validate is always,"
        + " so it was not installed and the applied list stays: \(detail). Fix falco.binary, or"
        + " set falco.validate: auto to install the file unchecked when Falco cannot check it"
    }
  }
}
