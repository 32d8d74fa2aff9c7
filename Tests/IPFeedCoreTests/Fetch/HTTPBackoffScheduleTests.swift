import IPFeedCore
import Testing

/// `BackoffSchedule` (the suite's name has HTTP in it for `swift test --filter HTTP`).
@Suite struct HTTPBackoffScheduleTests {
  /// Always draws the same value: `0` gives no jitter, `UInt64.max` the most, `1 << 52` half
  /// (`Double.random(in: 0..<1)` uses the low 53 bits).
  struct FixedGenerator: RandomNumberGenerator {
    var value: UInt64
    mutating func next() -> UInt64 { value }
  }

  static let sixHours = BackoffSchedule(interval: .seconds(6 * 3600))

  @Test(arguments: [
    (0, Duration.seconds(60)),
    (1, .seconds(60)),
    (2, .seconds(120)),
    (3, .seconds(240)),
    (4, .seconds(480)),
    (7, .seconds(3840)),
    (9, .seconds(15_360)),
    (10, .seconds(21_600)),  // 30720 s capped at the interval
    (11, .seconds(21_600)),
    (1000, .seconds(21_600)),
    (Int.max, .seconds(21_600)),
  ])
  func doublesFromAMinuteUpToTheInterval(failures: Int, expected: Duration) {
    #expect(Self.sixHours.baseDelay(afterFailures: failures) == expected)
    var none = FixedGenerator(value: 0)
    #expect(Self.sixHours.delay(afterFailures: failures, using: &none) == expected)
  }

  @Test(arguments: [
    // (failures, Retry-After, expected): honoured, at least the backoff, at most the interval.
    (1, Duration.seconds(120), Duration.seconds(120)),
    (1, .seconds(30), .seconds(60)),
    (3, .seconds(120), .seconds(240)),
    (1, .seconds(3600), .seconds(3600)),
    (1, .seconds(86_400), .seconds(21_600)),
    (1, .seconds(Int64.max), .seconds(21_600)),
    (1, .zero, .seconds(60)),
    (1, .seconds(-5), .seconds(60)),
  ])
  func retryAfterIsHonouredUpToTheInterval(failures: Int, retryAfter: Duration, expected: Duration)
  {
    #expect(Self.sixHours.baseDelay(afterFailures: failures, retryAfter: retryAfter) == expected)
  }

  @Test func shortIntervalCapsEvenTheFirstWait() {
    let schedule = BackoffSchedule(interval: .seconds(30))
    #expect(schedule.baseDelay(afterFailures: 1) == .seconds(30))
    #expect(schedule.baseDelay(afterFailures: 5, retryAfter: .seconds(300)) == .seconds(30))
  }

  @Test func jitterAddsUpToItsFraction() {
    var most = FixedGenerator(value: UInt64.max)
    let longest = Self.sixHours.delay(afterFailures: 2, using: &most)
    #expect(longest > .seconds(131) && longest <= .seconds(132))

    let spread = BackoffSchedule(interval: .seconds(3600), jitterFraction: 0.5)
    var half = FixedGenerator(value: 1 << 52)
    #expect(spread.delay(afterFailures: 1, using: &half) == .seconds(75))

    let none = BackoffSchedule(interval: .seconds(3600), jitterFraction: 0)
    #expect(none.delay(afterFailures: 1, using: &most) == .seconds(60))

    for failures in 1...12 {
      let delay = Self.sixHours.delay(afterFailures: failures)
      let base = Self.sixHours.baseDelay(afterFailures: failures)
      #expect(delay >= base && delay <= base * 1.1)
    }
  }
}
