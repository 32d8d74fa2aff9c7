/// Durations in the config file's text form: a whole number and a unit (`30s`, `15m`, `6h`,
/// `1d`), or several such parts with the largest unit first (`1h30m`). `0` alone is zero.
public enum DurationText {
  /// The accepted forms, for messages.
  public static let forms = "30s, 15m, 6h or 1d (a whole number and a unit; 1h30m combines them)"

  /// Units from the largest down; a combination must follow this order.
  private static let units: [(symbol: Character, seconds: Int64)] = [
    ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
  ]

  /// Reads `30s`, `15m`, `6h`, `1d`, `1h30m` or `0`.
  public static func parse(_ text: String) throws(TextValueError) -> Duration {
    func failure(_ problem: String) -> TextValueError {
      TextValueError(text: text, problem: problem)
    }
    if text == "0" { return .zero }
    guard !text.isEmpty else { throw failure("a duration cannot be empty") }
    guard !text.hasPrefix("-") else { throw failure("a duration cannot be negative") }

    var total: Int64 = 0
    var digits = ""
    var previousUnit = -1
    for character in text {
      if character.isASCII, character.isNumber {
        digits.append(character)
        continue
      }
      guard let unit = units.firstIndex(where: { $0.symbol == character }) else {
        if character == "." || character == "," {
          throw failure("a duration is a whole number of its unit (write 90m, not 1.5h)")
        }
        if units.contains(where: { String($0.symbol) == character.lowercased() }) {
          throw failure("units are lowercase: s, m, h or d")
        }
        throw failure("\"\(character)\" is not a unit: use s, m, h or d")
      }
      guard !digits.isEmpty else { throw failure("each unit needs a whole number before it") }
      guard unit > previousUnit else {
        throw failure("the units must go from the largest to the smallest, each once (1h30m)")
      }
      guard let count = Int64(digits) else { throw failure("the number is too large") }
      let (seconds, overflow) = count.multipliedReportingOverflow(by: units[unit].seconds)
      let (sum, sumOverflow) = total.addingReportingOverflow(seconds)
      guard !overflow, !sumOverflow else { throw failure("the duration is too long") }
      total = sum
      digits = ""
      previousUnit = unit
    }
    guard digits.isEmpty else {
      throw failure(
        previousUnit < 0
          ? "a duration needs a unit: s, m, h or d"
          : "the last number has no unit: s, m, h or d")
    }
    return .seconds(total)
  }

  /// The duration in its largest exact unit, as the config writes it: `6h`, `90m`, `45s`; zero
  /// is `0s`. A duration with a fraction of a second is given in whole milliseconds (`1500ms`,
  /// for messages; the config never holds one).
  public static func format(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    guard attoseconds == 0 else { return "\(duration.wholeMilliseconds)ms" }
    guard seconds != 0 else { return "0s" }
    let unit = units.first { seconds % $0.seconds == 0 } ?? units[units.count - 1]
    return "\(seconds / unit.seconds)\(unit.symbol)"
  }

  /// The duration in whole seconds with every unit it needs, largest first, as reports show a
  /// window: `12h10m`, `1d2h`, `45s`; less than a second is `0s`.
  public static func compact(_ duration: Duration) -> String {
    var rest = duration.wholeSeconds
    guard rest > 0 else { return "0s" }
    var text = ""
    for unit in units where rest >= unit.seconds {
      text += "\(rest / unit.seconds)\(unit.symbol)"
      rest %= unit.seconds
    }
    return text
  }
}
