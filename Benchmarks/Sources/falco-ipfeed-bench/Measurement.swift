/// Repeated timings of one thing: median and spread.
struct Measurement {
  var samples: [Double]

  var median: Double {
    let sorted = samples.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
  }

  var minimum: Double { samples.min() ?? 0 }
  var maximum: Double { samples.max() ?? 0 }

  /// `median (min–max)` with the given number of decimals.
  func summary(decimals: Int = 1) -> String {
    "\(Self.format(median, decimals)) (\(Self.format(minimum, decimals))–\(Self.format(maximum, decimals)))"
  }

  static func format(_ value: Double, _ decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    let text = String(rounded)
    // String(Double) prints 1.0 or 1e-05; pad or cut to the decimals asked for.
    guard let dot = text.firstIndex(of: "."), !text.contains("e") else { return text }
    let fraction = text[text.index(after: dot)...]
    if decimals == 0 { return String(text[..<dot]) }
    return String(text[..<dot]) + "." + fraction.prefix(decimals)
      + String(repeating: "0", count: max(0, decimals - fraction.count))
  }
}
