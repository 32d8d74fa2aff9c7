import Testing

@testable import IPFeedCore

/// `DaemonDecisions` while the wall clock is stepped back a day and forward a month (by hand,
/// by NTP after a long outage), through the times the daemon passes in: the wall clock's and
/// the monotonic clock's, which only moves forward at its steady pace.
@Suite struct DaemonDecisionsClockTests {
  // 2026-11-29T06:00:00Z
  static let start = UnixTime(seconds: 1_795_932_000)
  static let hour = Duration.seconds(3600)
  static let day: Int64 = 86_400

  struct NoJitter: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0 }
  }

  static let fine = SourceReport.Result.notModified(
    TransferStats(httpStatus: 304),
    ParsedFeed(source: "ipsum", format: .ipsum, entries: [], lines: FeedLineCounts()))

  static let failed = SourceReport.Result.fetchFailed(
    FetchError(source: "ipsum", url: "https://feed.example/ipsum.txt", cause: "HTTP 503"),
    fallback: nil)

  static func cycle(_ result: SourceReport.Result) -> Result<DaemonCycleResult, CycleError> {
    .success(
      DaemonCycleResult(
        report: CycleReport(
          outcome: .unchanged, sources: [SourceReport(name: "ipsum", result: result)],
          exclusions: ExclusionReport(), total: 10)))
  }

  /// One cycle ending `elapsed` after the start on the monotonic clock, while the wall clock
  /// shows the start plus `elapsed` plus `step` seconds.
  static func finish(
    _ decisions: inout DaemonDecisions, _ result: SourceReport.Result, elapsed: Duration,
    wallStep step: Int64
  ) -> (next: DaemonDecisions.NextPoll, wall: UnixTime) {
    var generator = NoJitter()
    let wall = start + elapsed + .seconds(step)
    let next = decisions.cycleFinished(
      cycle(result), at: wall, monotonic: elapsed, using: &generator)
    return (next, wall)
  }

  @Test func pollsKeepTheirIntervalAndBackoffWhateverTheWallClockDoes() {
    var decisions = DaemonDecisions(interval: Self.hour, jitter: .zero, startedAt: Self.start)
    // Healthy, then stepped back a day, then forward a month: an hour each time.
    var waits: [Duration] = []
    var elapsed = Duration.zero
    for step in [0, -Self.day, 30 * Self.day] {
      let (next, wall) = Self.finish(&decisions, Self.fine, elapsed: elapsed, wallStep: step)
      waits.append(next.delay)
      // The time shown for the next poll moves with the wall clock; the wait does not.
      #expect(next.at == wall + next.delay)
      elapsed += next.delay
    }
    #expect(waits == [Self.hour, Self.hour, Self.hour])
    // A failing source backs off 1, 2, 4 minutes across the same steps.
    waits = []
    for step in [0, -Self.day, 30 * Self.day] {
      let (next, _) = Self.finish(&decisions, Self.failed, elapsed: elapsed, wallStep: step)
      waits.append(next.delay)
      elapsed += next.delay
    }
    #expect(waits == [.seconds(60), .seconds(120), .seconds(240)])
  }

  @Test func aWallClockSteppedForwardAMonthDoesNotMakeAFreshListStale() {
    var decisions = DaemonDecisions(interval: Self.hour, jitter: .zero, startedAt: Self.start)
    _ = Self.finish(&decisions, Self.fine, elapsed: .zero, wallStep: 0)
    // A minute later by the monotonic clock, a month later by the wall clock, a source fails.
    let (_, wall) = Self.finish(
      &decisions, Self.failed, elapsed: .seconds(60), wallStep: 30 * Self.day)
    #expect(decisions.status.staleSince == nil)
    #expect(!decisions.status.text(now: wall).contains("STALE"))
  }

  @Test func aWallClockSteppedBackADayDoesNotHideAStaleList() {
    var decisions = DaemonDecisions(interval: Self.hour, jitter: .zero, startedAt: Self.start)
    _ = Self.finish(&decisions, Self.fine, elapsed: .zero, wallStep: 0)
    // Stepped back a day, then the source fails for three hours (stale after two).
    let (_, wall) = Self.finish(
      &decisions, Self.failed, elapsed: Self.hour * 3, wallStep: -Self.day)
    #expect(decisions.status.staleSince == Self.start)
    #expect(decisions.status.text(now: wall).hasPrefix("STALE since Nov 29 06:00 UTC"))
    // The next success ends it, whatever the wall clock says.
    _ = Self.finish(&decisions, Self.fine, elapsed: Self.hour * 4, wallStep: -Self.day)
    #expect(decisions.status.staleSince == nil)
  }
}
