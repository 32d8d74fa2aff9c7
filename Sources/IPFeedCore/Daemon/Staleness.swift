/// When the list counts as stale: no source has succeeded for two poll intervals plus the
/// jitter. A healthy daemon polls at most `interval + jitter` apart, so one missed poll is not
/// stale yet and two are. `STATUS=` and `falco-ipfeed status` both ask this one rule.
public struct Staleness: Sendable, Hashable {
  public var interval: Duration
  public var jitter: Duration

  public init(interval: Duration, jitter: Duration) {
    self.interval = interval
    self.jitter = jitter
  }

  /// How long the list may go without a successful check.
  public var window: Duration { interval * 2 + jitter }

  /// Whether a list last checked successfully `elapsed` ago is stale: for the daemon, which
  /// measures `elapsed` on the monotonic clock.
  public func isStale(after elapsed: Duration) -> Bool {
    elapsed > window
  }

  /// Whether a list last checked successfully at `lastSuccess` (nil: never) is stale at `now`:
  /// for `status`, which has only the wall-clock times in the state journal.
  public func isStale(lastSuccess: UnixTime?, now: UnixTime) -> Bool {
    guard let lastSuccess else { return true }
    return now.seconds - lastSuccess.seconds > window.wholeSeconds
  }
}
