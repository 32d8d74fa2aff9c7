/// A point in time as whole seconds since 1970 (UTC), with the few formats the daemon prints,
/// without Foundation. The core never reads a clock: the shell passes the current time in.
public struct UnixTime: Sendable, Hashable, Comparable {
  public var seconds: Int64

  public init(seconds: Int64) {
    self.seconds = seconds
  }

  /// The time `secondOfDay` seconds after midnight UTC of `date`.
  public init(date: CivilDate, secondOfDay: Int) {
    seconds = date.daysSince1970 * 86_400 + Int64(secondOfDay)
  }

  public static func < (lhs: UnixTime, rhs: UnixTime) -> Bool { lhs.seconds < rhs.seconds }

  public static func + (time: UnixTime, duration: Duration) -> UnixTime {
    UnixTime(seconds: time.seconds + duration.wholeSeconds)
  }

  /// The UTC date.
  public var date: CivilDate { CivilDate(daysSince1970: daysSince1970) }

  /// "2026-11-29T06:07:00Z"
  public var iso8601: String {
    let date = self.date
    return "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T\(clock)"
      + ":\(pad(secondOfDay % 60, 2))Z"
  }

  /// "06:07 UTC", or "Nov 28 06:07 UTC" when not today (relative to `now`).
  public func dayAndTime(now: UnixTime? = nil) -> String {
    if let now, now.daysSince1970 != daysSince1970 {
      let date = self.date
      return "\(CivilDate.monthAbbreviations[date.month - 1]) \(date.day) \(clock) UTC"
    }
    return "\(clock) UTC"
  }

  /// "06:07 UTC"
  public var dayAndTime: String { dayAndTime() }

  private var daysSince1970: Int64 { (seconds - Int64(secondOfDay)) / 86_400 }
  private var secondOfDay: Int { Int(((seconds % 86_400) + 86_400) % 86_400) }
  private var clock: String { "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))" }

  private func pad(_ value: Int, _ width: Int) -> String {
    let text = String(value)
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}
