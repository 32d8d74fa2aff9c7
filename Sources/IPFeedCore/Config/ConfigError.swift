/// A config file that cannot be used: where, which key, the value as written, what is wrong,
/// and how to fix it.
///
/// `description` is one line, e.g.
/// `/etc/falco-ipfeed/falco-ipfeed.yaml:7: sources[0].threshold: "0" is not valid: a threshold
/// must be at least 1. Fix: set sources[0].threshold to 1 or more (…).`
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The config file's path.
  public let file: String
  /// The line in `file` (from 1), when known.
  public let line: Int?
  /// The key, like `sources[0].threshold` or `http.timeout`; empty for the whole file.
  public let keyPath: String
  /// The bad value as written; nil when the error is not about a value (a missing file or key,
  /// an unknown key, a YAML syntax error).
  public let value: String?
  /// What is wrong, without a final period.
  public let problem: String
  /// How to fix it, without a final period.
  public let fix: String

  public init(
    file: String, line: Int? = nil, keyPath: String, value: String? = nil, problem: String,
    fix: String
  ) {
    self.file = file
    self.line = line
    self.keyPath = keyPath
    self.value = value
    self.problem = problem
    self.fix = fix
  }

  /// `FILE[:LINE]: [KEY: ]["VALUE" is not valid: ]PROBLEM. Fix: FIX.`
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if !keyPath.isEmpty { text += "\(keyPath): " }
    if let value { text += "\(Self.quoted(value)) is not valid: " }
    text += Self.sentence(problem) + " Fix: " + Self.sentence(fix)
    return text
  }

  /// The value in double quotes on one line, escaped as the config's YAML writes it (quotes,
  /// backslashes and control characters), and a long value shortened.
  static func quoted(_ value: String) -> String {
    let scalars = value.unicodeScalars
    guard scalars.count > 120 else { return ConfigRenderer.doubleQuoted(value) }
    var shortened = String.UnicodeScalarView()
    shortened.append(contentsOf: scalars.prefix(120))
    return ConfigRenderer.doubleQuoted(String(shortened)).dropLast() + "…\""
  }

  /// The text with a final period unless it ends in one already.
  private static func sentence(_ text: String) -> String {
    text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!") ? text : text + "."
  }
}
