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
    let value = headerValue.trimmingSpacesAndTabs
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
  static func httpDate(_ value: Substring, now: UnixTime) -> Int64? {
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

  private static func isGMT(_ token: Substring) -> Bool {
    token == "GMT" || token == "UTC"
  }

  private static func fullYear(_ twoDigits: Int, now: UnixTime) -> Int {
    let nowYear = now.date.year
    var year = nowYear - nowYear % 100 + twoDigits
    if year > nowYear + 50 {
      year -= 100
    }
    return year
  }

  private static func timestamp(
    year: Int, month monthName: Substring, day dayText: Substring, time: Substring
  ) -> Int64? {
    guard let monthIndex = CivilDate.monthAbbreviations.firstIndex(of: String(monthName)),
      (1...2).contains(dayText.count), let day = Int(dayText)
    else { return nil }
    let date = CivilDate(year: year, month: monthIndex + 1, day: day)
    let parts = time.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
      let hour = Int(parts[0]), let minute = Int(parts[1]), let second = Int(parts[2]),
      (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second), date.isValid
    else { return nil }
    return UnixTime(date: date, secondOfDay: hour * 3600 + minute * 60 + second).seconds
  }
}

extension String {
  /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
  fileprivate var trimmingSpacesAndTabs: Substring {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
    return text
  }
}
