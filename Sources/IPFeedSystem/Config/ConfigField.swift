import IPFeedCore
import Yams

/// One value of the config file with where it was written, read as the type its key needs.
/// Every failure is a `ConfigError` that names the key, the value and the line.
struct ConfigField {
  let file: String
  let keyPath: String
  let node: Node

  var line: Int? { node.mark?.line }

  /// The scalar's text as written; nil for a mapping or a list.
  var text: String? { node.scalar?.string }

  /// `~`, `null` or nothing after the colon.
  var isNull: Bool { node.scalar != nil && node.tag == Tag(.null) }

  /// What the node is, for messages.
  var kind: String {
    switch node {
    case .mapping: "a mapping of keys"
    case .sequence: "a list"
    case .scalar, .alias: isNull ? "no value" : "text"
    }
  }

  /// An error about this value.
  func invalid(_ problem: String, fix: String) -> ConfigError {
    invalid(problem, shownValue: isNull ? nil : text, fix: fix)
  }

  /// An error that quotes `shownValue` instead of the value as written: a URL without its
  /// credentials.
  func invalid(_ problem: String, shownValue: String?, fix: String) -> ConfigError {
    ConfigError(
      file: file, line: line, keyPath: keyPath, value: shownValue, problem: problem, fix: fix)
  }

  /// An error for a value of the wrong kind: a list where text belongs, nothing where a number
  /// belongs, and so on.
  func wrongKind(expected: String, fix: String) -> ConfigError {
    invalid("expected \(expected), found \(kind)", fix: fix)
  }

  private var fixForNull: String {
    "give \(keyPath) a value, or delete the line to take the default"
  }

  /// The text; no value reads as the empty string.
  func string() throws(ConfigError) -> String {
    if isNull { return "" }
    guard let text else {
      throw wrongKind(expected: "text", fix: "write \(keyPath) as one value on its line")
    }
    return text
  }

  /// `true`, `false` (or YAML 1.1's `yes`, `no`, `on`, `off`).
  func bool() throws(ConfigError) -> Bool {
    let fix = "set \(keyPath) to true or false"
    guard let text, !isNull else { throw wrongKind(expected: "true or false", fix: fix) }
    switch text.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw invalid("expected true or false", fix: fix)
    }
  }

  /// A decimal whole number.
  func int() throws(ConfigError) -> Int {
    guard let text, !isNull else {
      throw wrongKind(expected: "a whole number", fix: isNull ? fixForNull : "write one number")
    }
    let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw invalid("expected a whole number", fix: "write \(keyPath) as digits only, like 10")
    }
    guard let value = Int(text) else {
      throw invalid("the number is too large", fix: "write a smaller number")
    }
    return value
  }

  /// A duration like `6h` (see `DurationText`).
  func duration() throws(ConfigError) -> Duration {
    let fix = "write a duration like \(DurationText.forms)"
    guard let text, !isNull else {
      throw wrongKind(expected: "a duration", fix: isNull ? fixForNull : fix)
    }
    do {
      return try DurationText.parse(text)
    } catch {
      throw invalid(error.problem, fix: fix)
    }
  }

  /// A size like `64MiB` (see `ByteSizeText`).
  func byteSize() throws(ConfigError) -> Int {
    let fix = "write \(ByteSizeText.forms)"
    guard let text, !isNull else {
      throw wrongKind(expected: "a size", fix: isNull ? fixForNull : fix)
    }
    do {
      return try ByteSizeText.parse(text)
    } catch {
      throw invalid(error.problem, fix: fix)
    }
  }

  /// One of an enumeration's raw values, written exactly.
  func choice<Choice: RawRepresentable & CaseIterable>(
    _: Choice.Type
  ) throws(ConfigError) -> Choice where Choice.RawValue == String {
    let names = Choice.allCases.map(\.rawValue).joined(separator: ", ")
    let fix = "set \(keyPath) to one of: \(names)"
    guard let text, !isNull else { throw wrongKind(expected: "one of \(names)", fix: fix) }
    guard let choice = Choice(rawValue: text) else {
      throw invalid("expected one of \(names)", fix: fix)
    }
    return choice
  }

  /// The items of a list; no value reads as an empty list.
  func list(fix: String) throws(ConfigError) -> [ConfigField] {
    if isNull { return [] }
    guard case .sequence(let sequence) = node else {
      throw wrongKind(expected: "a list", fix: fix)
    }
    return sequence.enumerated().map {
      ConfigField(file: file, keyPath: "\(keyPath)[\($0.offset)]", node: $0.element)
    }
  }
}
