/// A config value whose text could not be read, such as a duration or a size.
///
/// `problem` says what is wrong without repeating the text; the caller adds where it was found
/// and how to fix it (see `ConfigError`).
public struct TextValueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text as written.
  public let text: String
  /// What is wrong with it, e.g. `a duration needs a unit: s, m, h or d`.
  public let problem: String

  public init(text: String, problem: String) {
    self.text = text
    self.problem = problem
  }

  /// `"6": a duration needs a unit: s, m, h or d`
  public var description: String {
    "\"\(text)\": \(problem)"
  }
}
