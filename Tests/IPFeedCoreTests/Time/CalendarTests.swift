import IPFeedCore
import Testing

/// The one calendar (`CivilDate`) and the whole-unit views of a `Duration`.
@Suite struct CalendarTests {
  @Test(arguments: [
    (Int64(0), 1970, 1, 1), (-1, 1969, 12, 31), (11_016, 2000, 2, 29), (11_017, 2000, 3, 1),
    (20_687, 2026, 8, 22), (-719_468, 0, 3, 1), (2_932_896, 9999, 12, 31),
  ])
  func daysAndDatesRoundTrip(days: Int64, year: Int, month: Int, day: Int) {
    let date = CivilDate(year: year, month: month, day: day)
    #expect(CivilDate(daysSince1970: days) == date)
    #expect(date.daysSince1970 == days)
  }

  @Test func everyDayOfFourHundredYearsRoundTrips() {
    var previous = CivilDate(daysSince1970: -1)
    var wrong: [Int64] = []
    for days in Int64(0)..<146_097 {
      let date = CivilDate(daysSince1970: days)
      let follows = date.day == previous.day + 1 || (date.day == 1 && previous.day >= 28)
      if !date.isValid || date.daysSince1970 != days || !follows { wrong.append(days) }
      previous = date
    }
    #expect(wrong.isEmpty, "first wrong day counts: \(wrong.prefix(5))")
  }

  @Test func invalidDates() {
    #expect(!CivilDate(year: 2001, month: 2, day: 29).isValid)
    #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
    #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
    #expect(!CivilDate(year: 2026, month: 4, day: 31).isValid)
    #expect(!CivilDate(year: 2026, month: 13, day: 1).isValid)
  }

  @Test func unixTimeFromADate() {
    let time = UnixTime(date: CivilDate(year: 2026, month: 11, day: 29), secondOfDay: 6 * 3600)
    #expect(time.iso8601 == "2026-11-29T06:00:00Z")
    #expect(UnixTime(seconds: -1).iso8601 == "1969-12-31T23:59:59Z")
  }

  @Test(arguments: [
    (Duration.zero, Int64(0)), (.milliseconds(1_500), 1_500), (.microseconds(999), 0),
    (.seconds(Int64.max), .max), (.seconds(-2), -2_000),
  ])
  func wholeMilliseconds(duration: Duration, milliseconds: Int64) {
    #expect(duration.wholeMilliseconds == milliseconds)
  }
}
