/// When the daemon tries a failed source again.
///
/// After the Nth consecutive failure of a source the next attempt waits `first` (1 minute)
/// doubled N−1 times, at most `interval` (the poll interval: a failing source is never polled
/// less often than a healthy one). A `Retry-After` from the server (429, 503) lengthens the wait
/// to what it asks for, also at most `interval`. Then up to `jitterFraction` of the wait is
/// added at random, so that a fleet that failed together does not retry together.
///
///     failures:  1    2    3    4     5     6     7 …
///     wait:      1m   2m   4m   8m    16m   32m   64m … up to interval, each + 0–10 %
public struct BackoffSchedule: Sendable, Hashable {
  /// The wait after the first failure.
  public var first: Duration
  /// The poll interval: the longest wait.
  public var interval: Duration
  /// The most that jitter adds, as a fraction of the wait (0.1: up to 10 % more).
  public var jitterFraction: Double

  public init(interval: Duration, first: Duration = .seconds(60), jitterFraction: Double = 0.1) {
    self.first = first
    self.interval = interval
    self.jitterFraction = jitterFraction
  }

  /// The wait before the next attempt, without jitter. `failures` counts the consecutive
  /// failures so far (1 after the first; less than 1 counts as 1). `retryAfter` is what the
  /// last failure's `Retry-After` asked for, if anything.
  public func baseDelay(afterFailures failures: Int, retryAfter: Duration? = nil) -> Duration {
    let cap = max(interval, .zero)
    var wait = min(max(first, .zero), cap)
    var doublings = max(failures, 1) - 1
    while doublings > 0 && wait < cap {
      wait = wait > cap / 2 ? cap : wait * 2
      doublings -= 1
    }
    if let retryAfter {
      wait = max(wait, min(max(retryAfter, .zero), cap))
    }
    return wait
  }

  /// The wait before the next attempt: `baseDelay` plus a random part of up to
  /// `jitterFraction` of it, drawn from `generator` (inject a fixed one in tests).
  public func delay(
    afterFailures failures: Int, retryAfter: Duration? = nil,
    using generator: inout some RandomNumberGenerator
  ) -> Duration {
    let base = baseDelay(afterFailures: failures, retryAfter: retryAfter)
    guard jitterFraction > 0 else { return base }
    let draw = Double.random(in: 0..<1, using: &generator)
    return base + base * (jitterFraction * draw)
  }

  /// `delay(afterFailures:retryAfter:using:)` with the system's random number generator.
  public func delay(afterFailures failures: Int, retryAfter: Duration? = nil) -> Duration {
    var generator = SystemRandomNumberGenerator()
    return delay(afterFailures: failures, retryAfter: retryAfter, using: &generator)
  }
}
