/// A point in time as whole seconds since 1970 (UTC), with the few formats the daemon prints,
/// without Foundation.
public struct UnixTime: Sendable, Hashable, Comparable {
  public var seconds: Int64

  public init(seconds: Int64) {
    self.seconds = seconds
  }

  public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.seconds < rhs.seconds }

  public static func + (time: UnixTime, duration: Duration) -> UnixTime {
    UnixTime(seconds: time.seconds + duration.components.seconds)
  }

  /// "2026-11-29T06:07:00Z"
  public var iso8601: String {
    let (year, month, day) = civilDate
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(clock):\(pad(secondOfMinute, 2))Z"
  }

  /// "06:07 UTC", or "Nov 28 06:07 UTC" when not today (relative to `now`).
  public func dayAndTime(now: UnixTime? = nil) -> String {
    let today = now.map { $0.seconds / 86_400 == seconds / 86_400 } ?? true
    if today { return "\(clock) UTC" }
    let (_, month, day) = civilDate
    let names = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    return "\(names[month - 1]) \(day) \(clock) UTC"
  }

  /// "06:07 UTC"
  public var dayAndTime: String { dayAndTime() }

  private var secondOfDay: Int { Int(((seconds % 86_400) + 86_400) % 86_400) }
  private var secondOfMinute: Int { secondOfDay % 60 }
  private var clock: String { "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))" }

  /// Year, month, day of the UTC date (Howard Hinnant's days-from-civil inverse).
  private var civilDate: (Int, Int, Int) {
    let days = Int((seconds - Int64(secondOfDay)) / 86_400) + 719_468
    let era = (days >= 0 ? days : days - 146_096) / 146_097
    let dayOfEra = days - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
