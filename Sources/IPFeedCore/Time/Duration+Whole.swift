extension Duration {
  /// Whole milliseconds, rounded toward zero; `Int64.max` (or `.min`) when too long to count.
  public var wholeMilliseconds: Int64 {
    let (seconds, attoseconds) = components
    let (milliseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000)
    guard !overflow else { return seconds > 0 ? .max : .min }
    let (total, sumOverflow) = milliseconds.addingReportingOverflow(
      attoseconds / 1_000_000_000_000_000)
    guard !sumOverflow else { return seconds > 0 ? .max : .min }
    return total
  }

  /// Whole seconds, rounded toward zero.
  public var wholeSeconds: Int64 { components.seconds }
}
