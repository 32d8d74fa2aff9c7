/// What the daemon decides, apart from doing it: the `STATUS=` line, each source's run of
/// failures and its backoff, the whole cycle's run of failures, staleness, and when to poll
/// next after a cycle. Pure: the caller passes the time and the random numbers, so every
/// decision can be checked in a table without a process or a sleep.
public struct DaemonDecisions: Sendable {
  /// When to poll next, and why the daemon logs it.
  public struct NextPoll: Sendable, Hashable {
    /// From the end of the cycle.
    public var delay: Duration
    public var at: UnixTime
  }

  public private(set) var status = DaemonStatusLine(total: 0)
  /// Consecutive failures per source, reset by the source's next success.
  public private(set) var sourceFailures: [String: Int] = [:]
  /// Consecutive cycles that failed as a whole (a damaged state journal), reset by a cycle
  /// that ends.
  public private(set) var cycleFailures = 0
  private var interval: Duration
  private var jitter: Duration
  /// The last time any source succeeded, as the wall clock showed it (for the status line) and
  /// as the monotonic clock read (to measure staleness by: a wall clock stepped forward must
  /// not make a fresh list look stale, nor one stepped back hide a stale one). The start
  /// counts, so that a fresh daemon is not stale.
  private var lastSuccess: UnixTime
  private var lastSuccessMonotonic: Duration
  /// Set while a reload found the config invalid; shown until a reload succeeds.
  private var configProblem: String?

  /// `monotonic`: the monotonic clock's reading at `startedAt`.
  public init(
    interval: Duration, jitter: Duration, startedAt: UnixTime, monotonic: Duration = .zero
  ) {
    self.interval = interval
    self.jitter = jitter
    self.lastSuccess = startedAt
    self.lastSuccessMonotonic = monotonic
  }

  public var staleness: Staleness { Staleness(interval: interval, jitter: jitter) }

  private var backoff: BackoffSchedule { BackoffSchedule(interval: interval) }

  // MARK: - Start and reload

  /// The rules file agrees with the state journal, which holds `total` addresses.
  public mutating func restored(total: Int) {
    status.total = total
  }

  /// The state journal could not be read at start: said until a cycle succeeds.
  public mutating func stateJournalFailed(_ problem: String) {
    status.problems = ["state journal: \(problem)"]
  }

  /// The line for `READY=1` at start.
  public func readyText(now: UnixTime) -> String {
    status.text(now: now) + "; first poll now"
  }

  /// A reload read a valid config: its interval and jitter apply from the next poll on.
  public mutating func configReloaded(interval: Duration, jitter: Duration) {
    self.interval = interval
    self.jitter = jitter
    configProblem = nil
    status.problems = []
  }

  /// A reload found the config invalid: the running one stays, and the line says so.
  public mutating func configRejected(_ problem: String) {
    configProblem = problem
    status.problems = [problem]
  }

  // MARK: - Cycles

  /// Takes in a finished cycle at `now`: the status line, the failure counts, and the next
  /// poll. A healthy cycle waits `interval` plus a random part of `jitter`; a failed source, or
  /// a cycle that failed as a whole, waits on `BackoffSchedule`, whichever comes first.
  /// `pollNow`: a cycle was asked for while this one ran. `monotonic`: the monotonic clock's
  /// reading at `now`. The wait is a duration, for a timer on the monotonic clock: a step of
  /// the wall clock changes when the next poll is shown to be, never how long it is away.
  public mutating func cycleFinished(
    _ outcome: Result<DaemonCycleResult, CycleError>, at now: UnixTime, monotonic: Duration,
    pollNow: Bool = false, using generator: inout some RandomNumberGenerator
  ) -> NextPoll {
    var delay = interval + randomJitter(using: &generator)
    status.problems = configProblem.map { [$0] } ?? []
    switch outcome {
    case .success(let result):
      cycleFailures = 0
      take(result, at: now, monotonic: monotonic)
      if let retry = sourceRetry(after: result.report, using: &generator) {
        delay = min(delay, retry)
      }
    case .failure(let error):
      cycleFailures += 1
      status.problems.append("cycle failed: \(error.cause)")
      delay = min(delay, backoff.delay(afterFailures: cycleFailures, using: &generator))
    }
    let sinceSuccess = monotonic - lastSuccessMonotonic
    status.staleSince = staleness.isStale(after: sinceSuccess) ? lastSuccess : nil
    if pollNow { delay = .zero }
    let next = NextPoll(delay: delay, at: now + delay)
    status.nextPoll = next.at
    return next
  }

  /// `cycleFinished(_:at:monotonic:pollNow:using:)` with the system's random number generator.
  public mutating func cycleFinished(
    _ outcome: Result<DaemonCycleResult, CycleError>, at now: UnixTime, monotonic: Duration,
    pollNow: Bool = false
  ) -> NextPoll {
    var generator = SystemRandomNumberGenerator()
    return cycleFinished(
      outcome, at: now, monotonic: monotonic, pollNow: pollNow, using: &generator)
  }

  /// A whole number of seconds from 0 to `jitter`, each as likely.
  private func randomJitter(using generator: inout some RandomNumberGenerator) -> Duration {
    // A fraction rather than `Int64.random(in:)`, whose rejection sampling never ends with a
    // generator that keeps drawing the same number (as a test's may).
    let draw = Double.random(in: 0..<1, using: &generator)
    return .seconds(Int64((Double(jitter.wholeSeconds + 1) * draw).rounded(.down)))
  }

  private mutating func take(_ result: DaemonCycleResult, at now: UnixTime, monotonic: Duration) {
    let report = result.report
    status.total = report.total
    switch report.outcome {
    case .held(let hold):
      status.problems.append("update held: \(hold.shortText)")
    case .rejectedByFalco(let rejection):
      status.problems.append("update held: \(rejection.shortText)")
    case .applied(let diff):
      status.lastChange = (now, diff.added.count, diff.removed.count)
    case .rewritten, .unchanged, .noData:
      break
    }
    if status.lastChange == nil, let last = result.lastChange {
      status.lastChange = last
    }
    if let reloadFailure = report.reloadFailure {
      status.problems.append("Falco reload failed: \(reloadFailure)")
    }
    status.sources = report.sources.map {
      DaemonStatusLine.SourceState(name: $0.name, result: $0.shortResult, at: now)
    }
    if report.sources.contains(where: { !$0.failed }) {
      lastSuccess = now
      lastSuccessMonotonic = monotonic
    }
  }

  /// The earliest retry that a failed source asks for, on the backoff schedule; counts each
  /// source's failures (a success resets them). Nil when no source failed.
  private mutating func sourceRetry(
    after report: CycleReport, using generator: inout some RandomNumberGenerator
  ) -> Duration? {
    var earliest: Duration?
    for source in report.sources {
      guard source.failed else {
        sourceFailures[source.name] = nil
        continue
      }
      let count = (sourceFailures[source.name] ?? 0) + 1
      sourceFailures[source.name] = count
      let wait = backoff.delay(
        afterFailures: count, retryAfter: source.retryAfter, using: &generator)
      earliest = min(earliest ?? wait, wait)
    }
    return earliest
  }
}
