/// The `Retry-After` response header (RFC 9110 §10.2.3): how long a server (on 429 Too Many
/// Requests or 503 Service Unavailable) asks its clients to wait before the next request.
public enum RetryAfter {
  /// The wait a `Retry-After` value asks for: delta-seconds ("120") or an HTTP date, in any of
  /// the three forms RFC 9110 §5.6.7 has recipients accept: IMF-fixdate ("Sun, 06 Nov 1994
  /// 08:49:37 GMT"), RFC 850 ("Sunday, 06-Nov-94 08:49:37 GMT") and asctime ("Sun Nov  6
  /// 08:49:37 1994").
  ///
  /// - Returns: the time from `now` until then; zero for a date in the past; nil for anything
  ///   else (a negative or fractional number, an unparsable date). Delta-seconds too large for
  ///   an `Int64` count as `Int64.max` seconds: callers cap the wait anyway.
  public static func parse(_ headerValue: String, now: UnixTime) -> Duration? {
    let value = String(
      headerValue.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
        .reversed())
    guard !value.isEmpty else { return nil }
    if value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
      return .seconds(Int64(value) ?? Int64.max)
    }
    guard let date = httpDate(value, now: now) else { return nil }
    let seconds = date - now.seconds
    return seconds > 0 ? .seconds(seconds) : .zero
  }

  /// Seconds since 1970 of an HTTP date, nil when `value` is none. `now` decides the century of
  /// an RFC 850 two-digit year: one that would lie more than 50 years ahead is in the past.
  static func httpDate(_ value: String, now: UnixTime) -> Int64? {
    let tokens = value.split(separator: " ", omittingEmptySubsequences: true)
    switch tokens.count {
    case 6:  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
      guard tokens[0].hasSuffix(","), shortDays.contains(String(tokens[0].dropLast())),
        isGMT(tokens[5]), tokens[3].count == 4, let year = Int(tokens[3])
      else { return nil }
      return timestamp(year: year, month: tokens[2], day: tokens[1], time: tokens[4])
    case 4:  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
      let date = tokens[1].split(separator: "-", omittingEmptySubsequences: false)
      guard tokens[0].hasSuffix(","), longDays.contains(String(tokens[0].dropLast())),
        isGMT(tokens[3]), date.count == 3, date[2].count == 2, let twoDigits = Int(date[2])
      else { return nil }
      return timestamp(
        year: fullYear(twoDigits, now: now), month: date[1], day: date[0], time: tokens[2])
    case 5:  // asctime: Sun Nov  6 08:49:37 1994
      guard shortDays.contains(String(tokens[0])), tokens[4].count == 4,
        let year = Int(tokens[4])
      else { return nil }
      return timestamp(year: year, month: tokens[1], day: tokens[2], time: tokens[3])
    default:
      return nil
    }
  }

  private static let shortDays: Set = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
  private static let longDays: Set = [
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
  ]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  private static func isGMT(_ token: Substring) -> Bool {
    token == "GMT" || token == "UTC"
  }

  private static func fullYear(_ twoDigits: Int, now: UnixTime) -> Int {
    let nowDays = now.seconds >= 0 ? now.seconds / 86_400 : (now.seconds - 86_399) / 86_400
    let nowYear = civil(fromDays: nowDays).year
    var year = nowYear - nowYear % 100 + twoDigits
    if year > nowYear + 50 {
      year -= 100
    }
    return year
  }

  private static func timestamp(
    year: Int, month monthName: Substring, day dayText: Substring, time: Substring
  ) -> Int64? {
    guard let monthIndex = months.firstIndex(of: String(monthName)),
      (1...2).contains(dayText.count), let day = Int(dayText)
    else { return nil }
    let month = monthIndex + 1
    let parts = time.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
      (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
      (1...daysIn(month: month, year: year)).contains(day)
    else { return nil }
    let days = self.days(year: year, month: month, day: day)
    return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
  }

  private static func isLeap(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  private static func days(year: Int, month: Int, day: Int) -> Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let m = Int64(month)
    let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The year of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
  private static func civil(fromDays count: Int64) -> (year: Int, month: Int) {
    let z = count + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month))
  }
}
