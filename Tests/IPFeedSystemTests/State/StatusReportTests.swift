import IPFeedCore
import Testing

@testable import IPFeedSystem

/// `StatusReport` as a pure renderer of what the journal holds: no database, no file.
@Suite struct StatusReportTests {
  // 2026-11-29T06:00:00Z
  static let checkedAt: Int64 = 1_795_932_000

  /// Interval 1h and jitter 30m: stale after 2h30m without a successful check, by the rule the
  /// daemon's status line follows too.
  @Test(arguments: [(Int64(7201), false), (9000, false), (9001, true)])
  func staleByTheDaemonsRule(secondsSinceSuccess: Int64, stale: Bool) {
    var config = Config()
    config.interval = .seconds(3600)
    config.jitter = .seconds(1800)
    let source = config.sources[0]
    let check = SourceCheckRecord(
      SourceCheck(
        source: source.name, url: source.url.text, result: .notModified,
        stats: TransferStats(httpStatus: 304, wireBytes: 183, elapsed: .milliseconds(212))),
      at: Self.checkedAt, previous: nil)
    let data = StatusData(
      applied: nil, lastChange: nil, lastCycle: nil, reloadPending: nil,
      checks: [source.name: check], bodies: [:])
    let now = Self.checkedAt + secondsSinceSuccess
    let report = StatusReport(
      config: config, databasePath: "/var/lib/falco-ipfeed/state.sqlite", data: data,
      outputFile: nil, now: now)
    #expect(report.stale == stale)
    #expect(report.staleAfterSeconds == 9000)
    #expect(report.text.contains("(stale after 2h30m without one: 2 × interval + jitter)"))
    #expect(report.text.contains("transfer              HTTP 304, 183 bytes on the wire, 212 ms"))
    let rule = Staleness(interval: config.interval, jitter: config.jitter)
    #expect(
      rule.isStale(lastSuccess: UnixTime(seconds: Self.checkedAt), now: UnixTime(seconds: now))
        == stale)
  }
}
