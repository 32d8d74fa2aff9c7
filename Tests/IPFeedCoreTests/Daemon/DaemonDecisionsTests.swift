import Testing

@testable import IPFeedCore

/// `DaemonDecisions`: what each finished cycle means for the next poll and the status line,
/// as tables of cycles. No process, no sleep: the time and the random numbers are passed in.
@Suite struct DaemonDecisionsTests {
  // 2026-11-29T06:00:00Z
  static let start = UnixTime(seconds: 1_795_932_000)

  /// Draws only zeros: no jitter at all.
  struct NoJitter: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0 }
  }

  /// Draws only ones: the most jitter there can be.
  struct MostJitter: RandomNumberGenerator {
    mutating func next() -> UInt64 { .max }
  }

  enum Cycle {
    case healthy
    case sourceFailed(retryAfter: Duration?)
    case wholeCycleFailed
  }

  static func report(_ sources: [SourceReport.Result], outcome: CycleReport.Outcome = .unchanged)
    -> DaemonCycleResult
  {
    DaemonCycleResult(
      report: CycleReport(
        outcome: outcome,
        sources: sources.enumerated().map { SourceReport(name: "source\($0)", result: $1) },
        exclusions: ExclusionReport(), total: 10))
  }

  static let fine = SourceReport.Result.notModified(
    TransferStats(httpStatus: 304),
    ParsedFeed(source: "source0", format: .ipsum, entries: [], lines: FeedLineCounts()))

  static func failed(retryAfter: Duration? = nil) -> SourceReport.Result {
    .fetchFailed(
      FetchError(
        source: "source0", url: "https://feed.example/ipsum.txt", cause: "HTTP 503",
        retryAfter: retryAfter), fallback: nil)
  }

  static func outcome(_ cycle: Cycle) -> Result<DaemonCycleResult, CycleError> {
    switch cycle {
    case .healthy: .success(report([fine]))
    case .sourceFailed(let retryAfter): .success(report([failed(retryAfter: retryAfter)]))
    case .wholeCycleFailed:
      .failure(CycleError(step: "open the state journal", cause: "the database is damaged"))
    }
  }

  /// Runs `cycles`, each ending when the previous poll was due; returns each wait.
  static func delays(
    _ cycles: [Cycle], interval: Duration = .seconds(6 * 3600), jitter: Duration = .seconds(600)
  ) -> [Duration] {
    var decisions = DaemonDecisions(interval: interval, jitter: jitter, startedAt: start)
    var generator = NoJitter()
    var now = start
    return cycles.map { cycle in
      let next = decisions.cycleFinished(
        outcome(cycle), at: now, monotonic: .seconds(now.seconds - start.seconds), using: &generator
      )
      #expect(next.at == now + next.delay)
      now = next.at
      return next.delay
    }
  }

  static func minutes(_ values: Int...) -> [Duration] { values.map { .seconds($0 * 60) } }

  @Test func aCycleThatFailsAsAWholeBacksOffLikeAFailedSource() {
    let cycles = [Cycle](repeating: .wholeCycleFailed, count: 8) + [.healthy, .wholeCycleFailed]
    #expect(Self.delays(cycles) == Self.minutes(1, 2, 4, 8, 16, 32, 64, 128, 360, 1))
    let sources = [Cycle](repeating: .sourceFailed(retryAfter: nil), count: 8) + [.healthy]
    #expect(Self.delays(sources) == Self.minutes(1, 2, 4, 8, 16, 32, 64, 128, 360))
  }

  @Test func wholeCycleFailuresAreCountedAndReset() {
    var decisions = DaemonDecisions(
      interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    for _ in 0..<3 {
      _ = decisions.cycleFinished(Self.outcome(.wholeCycleFailed), at: Self.start, monotonic: .zero)
    }
    #expect(decisions.cycleFailures == 3)
    #expect(decisions.status.text.hasPrefix("cycle failed: the database is damaged"))
    _ = decisions.cycleFinished(Self.outcome(.healthy), at: Self.start, monotonic: .zero)
    #expect(decisions.cycleFailures == 0)
    #expect(!decisions.status.text.contains("cycle failed"))
  }

  struct BackoffCase: Sendable {
    var cycles: [Cycle]
    var interval: Duration
    var waits: [Duration]
  }

  static let backoffCases: [BackoffCase] = [
    // The backoff never waits longer than the interval.
    BackoffCase(
      cycles: [Cycle](repeating: .wholeCycleFailed, count: 8), interval: .seconds(3600),
      waits: minutes(1, 2, 4, 8, 16, 32, 60, 60)),
    // Retry-After lengthens the wait, up to the interval.
    BackoffCase(
      cycles: [.sourceFailed(retryAfter: .seconds(600)), .sourceFailed(retryAfter: nil)],
      interval: .seconds(3600), waits: minutes(10, 2)),
    BackoffCase(
      cycles: [.sourceFailed(retryAfter: .seconds(7200))], interval: .seconds(3600),
      waits: minutes(60)),
    // A source's success resets its count.
    BackoffCase(
      cycles: [
        .sourceFailed(retryAfter: nil), .sourceFailed(retryAfter: nil), .healthy,
        .sourceFailed(retryAfter: nil),
      ], interval: .seconds(3600), waits: minutes(1, 2, 60, 1)),
  ]

  @Test(arguments: backoffCases)
  func backoffTable(_ table: BackoffCase) {
    #expect(Self.delays(table.cycles, interval: table.interval, jitter: .zero) == table.waits)
  }

  @Test func theFailingSourceDecidesWhenAnotherOneIsFine() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    let result = Self.report([Self.fine, Self.failed()])
    let next = decisions.cycleFinished(.success(result), at: Self.start, monotonic: .zero)
    #expect(next.delay >= .seconds(60) && next.delay < .seconds(66))
    #expect(decisions.sourceFailures == ["source1": 1])
  }

  @Test func jitterStaysWithinItsBounds() {
    var decisions = DaemonDecisions(
      interval: .seconds(3600), jitter: .seconds(600), startedAt: Self.start)
    var most = MostJitter()
    let healthy = decisions.cycleFinished(
      Self.outcome(.healthy), at: Self.start, monotonic: .zero, using: &most)
    #expect(healthy.delay == .seconds(4200))
    let failed = decisions.cycleFinished(
      Self.outcome(.wholeCycleFailed), at: Self.start, monotonic: .zero, using: &most)
    #expect(failed.delay > .seconds(60) && failed.delay <= .seconds(66))
  }

  @Test func aCycleAskedForWhileOneRanPollsAtOnce() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    let next = decisions.cycleFinished(
      Self.outcome(.healthy), at: Self.start, monotonic: .zero, pollNow: true)
    #expect(next.delay == .zero)
    #expect(decisions.status.text.contains("next poll 06:00 UTC"))
  }

  /// One rule: stale after 2 × interval + jitter without a successful source, as `status` says
  /// (interval 1h, jitter 30m: stale after 2h30m).
  @Test(arguments: [(Int64(7201), false), (9000, false), (9001, true), (86_400, true)])
  func staleAfterTwoIntervalsAndTheJitter(secondsWithoutSuccess: Int64, stale: Bool) {
    let interval = Duration.seconds(3600)
    let jitter = Duration.seconds(1800)
    var decisions = DaemonDecisions(interval: interval, jitter: jitter, startedAt: Self.start)
    let now = Self.start + .seconds(secondsWithoutSuccess)
    _ = decisions.cycleFinished(
      Self.outcome(.sourceFailed(retryAfter: nil)), at: now,
      monotonic: .seconds(secondsWithoutSuccess))
    #expect(decisions.status.text(now: now).hasPrefix("STALE since ") == stale)
    let rule = Staleness(interval: interval, jitter: jitter)
    #expect(rule.isStale(lastSuccess: Self.start, now: now) == stale)
    #expect(decisions.staleness == rule)
  }

  @Test func aSuccessfulSourceEndsStaleness() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    let later = Self.start + .seconds(3 * 3600)
    _ = decisions.cycleFinished(
      Self.outcome(.wholeCycleFailed), at: later, monotonic: .seconds(3 * 3600))
    #expect(decisions.status.text(now: later).hasPrefix("STALE since 06:00 UTC; cycle failed"))
    _ = decisions.cycleFinished(Self.outcome(.healthy), at: later, monotonic: .seconds(3 * 3600))
    #expect(!decisions.status.text(now: later).contains("STALE"))
  }

  @Test func neverASuccessIsStale() {
    #expect(
      Staleness(interval: .seconds(60), jitter: .zero).isStale(lastSuccess: nil, now: Self.start))
    #expect(Staleness(interval: .seconds(3600), jitter: .seconds(600)).window == .seconds(7800))
  }

  @Test func statusLineProblems() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    decisions.configRejected("config invalid, still running the previous one: interval")
    let held = CycleReport.Outcome.held(
      SafetyHold(reason: .tooFewEntries(minEntries: 5), newCount: 1))
    var result = Self.report([Self.fine], outcome: held)
    result.report.reloadFailure = "Falco is not running"
    _ = decisions.cycleFinished(.success(result), at: Self.start, monotonic: .zero)
    let text = decisions.status.text(now: Self.start)
    #expect(
      text.hasPrefix("config invalid, still running the previous one: interval; update held: "))
    #expect(text.contains("; Falco reload failed: Falco is not running; 10 addresses"))
    #expect(text.hasSuffix("next poll 07:00 UTC; source0 304 at 06:00 UTC"))
    // A valid config clears the problem; the next cycle's line has no old problems.
    decisions.configReloaded(interval: .seconds(1800), jitter: .zero)
    #expect(decisions.status.problems.isEmpty)
    let next = decisions.cycleFinished(Self.outcome(.healthy), at: Self.start, monotonic: .zero)
    #expect(next.delay == .seconds(1800))
    #expect(decisions.status.text == "10 addresses; next poll 06:30 UTC; source0 304 at 06:00 UTC")
  }

  @Test func anAppliedChangeIsTheLastChange() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    var earlier = Self.report([Self.fine])
    earlier.lastChange = (Self.start + .seconds(-86_400), 1, 2)
    _ = decisions.cycleFinished(.success(earlier), at: Self.start, monotonic: .zero)
    #expect(decisions.status.text(now: Self.start).contains("last change Nov 28 06:00 UTC (+1 −2)"))
    let diff = ListDiff(added: [], removed: [])
    _ = decisions.cycleFinished(
      .success(Self.report([Self.fine], outcome: .applied(diff))), at: Self.start, monotonic: .zero)
    #expect(decisions.status.text(now: Self.start).contains("last change 06:00 UTC (+0 −0)"))
  }

  @Test func readyLine() {
    var decisions = DaemonDecisions(interval: .seconds(3600), jitter: .zero, startedAt: Self.start)
    decisions.restored(total: 42)
    #expect(decisions.readyText(now: Self.start) == "42 addresses; first poll now")
    decisions.stateJournalFailed("could not open the state journal: damaged")
    #expect(decisions.readyText(now: Self.start).hasPrefix("state journal: could not open"))
  }
}
