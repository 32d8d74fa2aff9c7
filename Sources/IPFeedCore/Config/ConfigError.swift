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

  /// The value in double quotes on one line, with quotes, backslashes and control characters
  /// escaped and a long value shortened.
  static func quoted(_ value: String) -> String {
    var text = "\""
    var count = 0
    for scalar in value.unicodeScalars {
      count += 1
      if count > 120 {
        text += "…"
        break
      }
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      case "\r": text += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          let hex = String(scalar.value, radix: 16, uppercase: true)
          text += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + "\""
  }

  /// The text with a final period unless it ends in one already.
  private static func sentence(_ text: String) -> String {
    text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!") ? text : text + "."
  }
}
