import IPFeedCore
import Testing

@Suite struct DurationTextTests {
  @Test(arguments: [
    ("30s", 30), ("15m", 900), ("6h", 21_600), ("1d", 86_400), ("0", 0), ("0s", 0),
    ("1h30m", 5_400), ("1d2h3m4s", 93_784), ("90m", 5_400), ("007m", 420), ("10m", 600),
  ])
  func accepts(text: String, seconds: Int64) throws {
    #expect(try DurationText.parse(text) == .seconds(seconds))
  }

  @Test(arguments: [
    ("", "cannot be empty"),
    ("6", "needs a unit"),
    ("-5m", "cannot be negative"),
    ("1.5h", "whole number"),
    ("6H", "lowercase"),
    ("5ms", "needs a whole number before it"),
    ("1w", "\"w\" is not a unit"),
    ("6 h", "\" \" is not a unit"),
    ("h", "needs a whole number before it"),
    ("30m1h", "largest to the smallest"),
    ("1h1h", "largest to the smallest"),
    ("1h30", "last number has no unit"),
    ("99999999999999999999s", "too large"),
    ("999999999999999d", "too long"),
  ])
  func rejects(text: String, problem: String) {
    #expect {
      try DurationText.parse(text)
    } throws: { error in
      guard let error = error as? TextValueError else { return false }
      return error.text == text && error.problem.contains(problem)
    }
  }

  @Test(arguments: [
    (0, "0s"), (30, "30s"), (60, "1m"), (90, "90s"), (900, "15m"), (5_400, "90m"),
    (21_600, "6h"), (86_400, "1d"), (90_000, "25h"), (172_800, "2d"),
  ])
  func formatsInTheLargestExactUnit(seconds: Int64, text: String) throws {
    #expect(DurationText.format(.seconds(seconds)) == text)
    #expect(try DurationText.parse(text) == .seconds(seconds))
  }

  @Test(arguments: [
    (Duration.milliseconds(1_500), "1500ms"), (.milliseconds(200), "200ms"), (.seconds(60), "1m"),
    (.seconds(Int64.max), "\(Int64.max)s"),
  ])
  func formatsFractionsOfASecondInMilliseconds(duration: Duration, text: String) {
    #expect(DurationText.format(duration) == text)
  }

  @Test(arguments: [
    (0, "0s"), (45, "45s"), (90, "1m30s"), (43_800, "12h10m"), (93_600, "1d2h"),
    (93_784, "1d2h3m4s"),
  ])
  func compactTextHasEveryUnitItNeeds(seconds: Int64, text: String) throws {
    #expect(DurationText.compact(.seconds(seconds)) == text)
    #expect(try DurationText.parse(text) == .seconds(seconds))
  }
}
