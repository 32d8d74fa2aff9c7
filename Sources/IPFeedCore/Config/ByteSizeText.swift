/// Sizes in the config file's text form: a whole number of bytes (`1048576`) or a whole number
/// with a binary unit (`512KiB`, `64MiB`, `1GiB`).
public enum ByteSizeText {
  /// The accepted forms, for messages.
  public static let forms =
    "a number of bytes (1048576) or a whole number with KiB, MiB or GiB (512KiB, 64MiB, 1GiB)"

  /// Units from the largest down.
  private static let units: [(symbol: String, bytes: Int)] = [
    ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10),
  ]

  /// Reads `1048576`, `512KiB`, `64MiB` or `1GiB`.
  public static func parse(_ text: String) throws(TextValueError) -> Int {
    func failure(_ problem: String) -> TextValueError {
      TextValueError(text: text, problem: problem)
    }
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    let suffix = String(text.dropFirst(digits.count))
    guard !digits.isEmpty else {
      if text.hasPrefix("-") { throw failure("a size cannot be negative") }
      throw failure("a size is \(forms)")
    }
    var multiplier = 1
    if !suffix.isEmpty {
      if let unit = units.first(where: { $0.symbol == suffix }) {
        multiplier = unit.bytes
      } else if suffix.hasPrefix(".") || suffix.hasPrefix(",") {
        throw failure("a size is a whole number of its unit (write 1536KiB, not 1.5MiB)")
      } else if let meant = nearUnit(suffix) {
        throw failure(
          "\"\(suffix)\" is not an accepted unit: sizes use KiB, MiB and GiB (powers of 1024);"
            + " did you mean \(digits)\(meant)?")
      } else {
        throw failure("\"\(suffix)\" is not an accepted unit: use KiB, MiB or GiB, or plain bytes")
      }
    }
    guard let count = Int(digits) else { throw failure("the number is too large") }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: multiplier)
    guard !overflow else { throw failure("the size is too large") }
    return bytes
  }

  /// The size in its largest exact unit: `64MiB`, `512KiB`, or plain bytes like `1000`.
  public static func format(_ bytes: Int) -> String {
    guard bytes != 0 else { return "0" }
    for unit in units where bytes % unit.bytes == 0 {
      return "\(bytes / unit.bytes)\(unit.symbol)"
    }
    return String(bytes)
  }

  /// The binary unit that a decimal or miscased one (`MB`, `mb`, `M`, `mib`) probably meant.
  private static func nearUnit(_ suffix: String) -> String? {
    switch suffix.lowercased() {
    case "k", "kb", "kib": "KiB"
    case "m", "mb", "mib": "MiB"
    case "g", "gb", "gib": "GiB"
    default: nil
    }
  }
}
