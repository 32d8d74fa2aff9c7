import Foundation
import IPFeedCore
import Testing

@testable import IPFeedSystem

/// The wall clock stepped back a day and forward a month between cycles, through the clock the
/// update runner takes (never the machine's): the journal keeps every change in order of its
/// number with the times as the clock gave them, says why a time went back, and staleness
/// follows the recorded checks.
@Suite struct ClockStepTests {
  let fixture: StateFixture
  let log = CapturedLog()

  init() throws {
    fixture = try StateFixture()
  }

  private func runner() -> UpdateRunner {
    UpdateRunner(
      config: fixture.config, logger: log.logger, fetcher: fixture.fetcher, lockWait: .seconds(5),
      now: fixture.clock.function)
  }

  /// Whether `status` at the test clock's time calls the list stale.
  private func stale() throws -> Bool {
    try StatusReport.read(config: fixture.config, now: fixture.clock.now).stale
  }

  /// The journal's changes, newest first.
  private func history() throws -> [ChangeRecord] {
    try #require(try StateReader.open(directory: fixture.config.stateDirectory))
      .history(limit: 100).entries.map(\.change)
  }

  @Test func historyStaysInChangeOrderAndSaysWhyATimeWentBack() throws {
    let runner = runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3)]), etag: "\"a\"")
    _ = try runner.runOnce()
    let first = fixture.clock.now

    fixture.clock.advance(days: -1)
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 3)]), etag: "\"b\"")
    _ = try runner.runOnce()
    let back = log.warnings(containing: "the wall clock is behind the last recorded change")
    #expect(back.count == 1)
    #expect(back.first?.contains("before change 1 at \(first.iso8601)") == true, "\(back)")
    #expect(try stale() == false)

    fixture.clock.advance(days: 31)
    fixture.fetcher.answerBody(ipsumFeed([("2.2.2.2", 3)]), etag: "\"c\"")
    _ = try runner.runOnce()
    // Forward is no cause for a warning.
    #expect(log.warnings(containing: "the wall clock is behind").count == 1)
    #expect(try stale() == false)

    let changes = try history()
    #expect(changes.map(\.id) == [3, 2, 1])
    #expect(
      changes.map(\.time) == [first.seconds + 30 * 86_400, first.seconds - 86_400, first.seconds])
    // The addresses' history follows the changes, whatever their times.
    #expect(try fixture.listed() == ["2.2.2.2"])
  }
}
