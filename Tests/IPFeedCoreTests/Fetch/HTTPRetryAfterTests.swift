import IPFeedCore
import Testing

/// `RetryAfter.parse` (the suite's name has HTTP in it for `swift test --filter HTTP`).
@Suite struct HTTPRetryAfterTests {
  /// 1994-11-06 08:49:37 GMT, the RFC's example date.
  static let rfcExample = UnixTime(seconds: 784_111_777)

  @Test(arguments: [
    ("0", Duration.zero),
    ("120", .seconds(120)),
    ("  120  ", .seconds(120)),
    ("86400", .seconds(86_400)),
    ("99999999999999999999999", .seconds(Int64.max)),
  ])
  func deltaSeconds(value: String, expected: Duration) {
    #expect(RetryAfter.parse(value, now: Self.rfcExample) == expected)
  }

  @Test(arguments: [
    // The RFC's example in its three forms, an hour before it.
    ("Sun, 06 Nov 1994 08:49:37 GMT", Duration.seconds(3600)),
    ("Sunday, 06-Nov-94 08:49:37 GMT", .seconds(3600)),
    ("Sun Nov  6 08:49:37 1994", .seconds(3600)),
    ("Sun Nov 06 08:49:37 1994", .seconds(3600)),
    ("Sun, 06 Nov 1994 09:49:37 GMT", .seconds(7200)),
    ("Mon, 07 Nov 1994 07:49:37 GMT", .seconds(86_400)),
    ("Thu, 01 Jan 1970 00:00:00 GMT", .zero),  // past: no wait
    ("Sun, 06 Nov 1994 07:49:37 GMT", .zero),  // now
    ("Sun, 06 Nov 1994 07:49:36 GMT", .zero),  // a second ago
  ])
  func httpDates(value: String, expected: Duration) {
    let now = UnixTime(seconds: Self.rfcExample.seconds - 3600)
    #expect(RetryAfter.parse(value, now: now) == expected)
  }

  @Test func leapDayAndYearBoundary() {
    let now = UnixTime(seconds: 951_782_400)  // 2000-02-29 00:00:00 GMT
    #expect(RetryAfter.parse("Tue, 29 Feb 2000 00:01:00 GMT", now: now) == .seconds(60))
    #expect(RetryAfter.parse("Wed, 01 Mar 2000 00:00:00 GMT", now: now) == .seconds(86_400))
    #expect(RetryAfter.parse("Fri, 29 Feb 2001 00:00:00 GMT", now: now) == nil)
    let newYearsEve = UnixTime(seconds: 1_767_225_599)  // 2025-12-31 23:59:59
    #expect(RetryAfter.parse("Thu, 01 Jan 2026 00:00:00 GMT", now: newYearsEve) == .seconds(1))
  }

  @Test func rfc850TwoDigitYearsLieWithinFiftyYears() {
    let now = UnixTime(seconds: 1_787_356_800)  // 2026-08-22 00:00:00 GMT
    // 26 → 2026 (ahead), 80 → 1980 (2080 would be more than 50 years ahead: past).
    #expect(RetryAfter.parse("Saturday, 22-Aug-26 12:00:00 GMT", now: now) != nil)
    #expect(RetryAfter.parse("Saturday, 22-Aug-26 12:00:00 GMT", now: now)! > .zero)
    #expect(RetryAfter.parse("Friday, 22-Aug-80 12:00:00 GMT", now: now) == .zero)
  }

  @Test(arguments: [
    "", "   ", "-5", "1.5", "12s", "soon", "0x10", "+10",
    "Sun, 06 Nov 1994 08:49:37",  // no zone
    "Sun, 06 Nov 1994 08:49:37 PST",
    "Sun, 31 Nov 1994 08:49:37 GMT",  // no 31 November
    "Sun, 06 Foo 1994 08:49:37 GMT",
    "Sun, 06 Nov 1994 24:00:00 GMT",
    "Sun, 06 Nov 1994 8:49:37 GMT",
    "Xyz, 06 Nov 1994 08:49:37 GMT",
    "Sun, 06 Nov 94 08:49:37 GMT",
    "Sunday, 06-Nov-1994 08:49:37 GMT",
    "Sun Nov  6 08:49:37",
    "<html>",
  ])
  func garbageIsNil(value: String) {
    #expect(RetryAfter.parse(value, now: Self.rfcExample) == nil)
  }
}
