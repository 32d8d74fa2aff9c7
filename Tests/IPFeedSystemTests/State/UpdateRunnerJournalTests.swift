import Foundation
import IPFeedCore
import Logging
import Testing

@testable import IPFeedSystem

/// `UpdateRunner` with a scripted fetcher and the real SQLite journal in a temporary directory.
@Suite struct UpdateRunnerJournalTests {
  let fixture: StateFixture

  init() throws {
    fixture = try StateFixture()
  }

  private func sourceBody(_ runner: UpdateRunner) throws -> SourceBodyRecord? {
    let database = try StateDatabase.open(
      directory: fixture.config.stateDirectory, logger: Logger(label: "test"))
    return try database.pool.read { db in try SourceBodyRecord.fetchOne(db, key: "ipsum") }
  }

  @Test func validatorsAreStoredOnlyWithTheListTheyProduced() throws {
    let writer = FailingWriter(path: fixture.outputPath)
    let runner = fixture.runner(writer: writer)
    let bodyA = ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 3)])
    let bodyB = ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 3), ("3.3.3.3", 4)])

    fixture.fetcher.answerBody(bodyA, etag: "\"a\"")
    _ = try runner.runOnce()
    #expect(try sourceBody(runner)?.etag == "\"a\"")

    // Downloaded, then the install fails: nothing applied, so "b" must not be remembered.
    writer.failing.store(true, ordering: .relaxed)
    fixture.fetcher.answerBody(bodyB, etag: "\"b\"")
    let failure = #expect(throws: CycleError.self) { try runner.runOnce() }
    #expect(failure?.description.contains("no space left on device (injected)") == true)
    #expect(try sourceBody(runner)?.etag == "\"a\"")
    #expect(try fixture.listed() == ["1.1.1.1", "2.2.2.2"])
    let status = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    #expect(status.data?.lastCycle?.outcome == "failed")
    #expect(status.data?.checks["ipsum"]?.result == "200")

    // The next cycle sends the validators of the applied body, gets the new body again and
    // applies it; the one after gets a 304.
    writer.failing.store(false, ordering: .relaxed)
    fixture.fetcher.answer { request throws(FetchError) in
      request.validators.etag == "\"b\""
        ? .notModified(TransferStats(httpStatus: 304, validatorsSent: request.validators))
        : ScriptedFeedFetcher.body(bodyB, etag: "\"b\"")
    }
    let applied = try runner.runOnce()
    #expect(fixture.fetcher.requests.last?.validators.etag == "\"a\"")
    guard case .applied(let diff) = applied.outcome else {
      Issue.record("expected applied, got \(applied.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["3.3.3.3"])
    #expect(applied.changeID == 2)
    #expect(try sourceBody(runner)?.etag == "\"b\"")

    let unchanged = try runner.runOnce()
    #expect(fixture.fetcher.requests.last?.validators.etag == "\"b\"")
    guard case .unchanged = unchanged.outcome else {
      Issue.record("expected unchanged, got \(unchanged.outcome)")
      return
    }
    #expect(unchanged.changeID == nil)
    #expect(try fixture.listed() == ["1.1.1.1", "2.2.2.2", "3.3.3.3"])
  }

  @Test func aHeldUpdateRecordsTheCheckButNotTheValidators() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(
      ipsumFeed((1...10).map { ("9.9.9.\($0)", 5) }), etag: "\"a\"")
    _ = try runner.runOnce()
    fixture.fetcher.answerBody(ipsumFeed([("9.9.9.1", 5)]), etag: "\"b\"")
    fixture.clock.advance(seconds: 60)
    let held = try runner.runOnce()
    #expect(held.exitCode == 3)
    #expect(try sourceBody(runner)?.etag == "\"a\"")
    let status = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    #expect(status.data?.lastCycle?.outcome == "held")
    #expect(status.data?.lastCycle?.detail?.contains("remove 9 of 10") == true)
    #expect(status.data?.checks["ipsum"]?.checkedAt == fixture.clock.now.seconds)
    _ = try runner.runOnce()
    #expect(fixture.fetcher.requests.last?.validators.etag == "\"a\"")
  }

  @Test func failuresAreCountedAndTheLastGoodBodyIsUsed() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3)]), etag: "\"a\"")
    _ = try runner.runOnce()
    fixture.fetcher.answer { request throws(FetchError) in
      throw FetchError(
        source: request.source, url: request.url, cause: "HTTP 503 Service Unavailable",
        stats: TransferStats(httpStatus: 503, validatorsSent: request.validators))
    }
    for _ in 0..<3 {
      fixture.clock.advance(seconds: 3_600)
      let report = try runner.runOnce()
      #expect(report.exitCode == 1)
      #expect(report.total == 1)
    }
    let status = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    let check = try #require(status.data?.checks["ipsum"])
    #expect(check.consecutiveFailures == 3)
    #expect(check.result == "failed")
    #expect(check.httpStatus == 503)
    #expect(check.sentEtag == "\"a\"")
    #expect(check.lastError?.contains("HTTP 503") == true)
    #expect(check.succeededAt == fixture.clock.now.seconds - 3 * 3_600)

    fixture.fetcher.answer { _ throws(FetchError) in .notModified(TransferStats(httpStatus: 304)) }
    _ = try runner.runOnce()
    let after = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    #expect(after.data?.checks["ipsum"]?.consecutiveFailures == 0)
    #expect(after.data?.checks["ipsum"]?.result == "304")
    // The last error stays for status, with its time.
    #expect(after.data?.checks["ipsum"]?.lastError?.contains("HTTP 503") == true)
  }

  @Test func historyAndLookupAfterTwoChanges() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(
      ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 4), ("2001:4860:4860::8888", 5), ("5.5.5.5", 2)]),
      etag: "\"a\"")
    let first = try runner.runOnce()
    fixture.clock.advance(days: 1)
    fixture.fetcher.answerBody(
      ipsumFeed([("2.2.2.2", 8), ("2001:4860:4860::8888", 5), ("9.9.9.9", 1)]), etag: "\"b\"")
    let second = try runner.runOnce()
    #expect(first.changeID == 1)
    #expect(second.changeID == 2)

    let reader = try #require(try StateReader.open(directory: fixture.config.stateDirectory))
    let history = try reader.history(limit: 20)
    #expect(history.entries.map(\.change.id) == [2, 1])
    #expect(history.entries.map(\.change.added) == [1, 4])
    #expect(history.entries.map(\.change.removed) == [2, 0])
    #expect(history.entries.map(\.change.total) == [3, 4])
    let sha = SHA256Digest.hex(
      Array(try Data(contentsOf: URL(fileURLWithPath: fixture.outputPath))))
    #expect(history.entries[0].change.sha256 == sha)
    #expect(history.entries[0].sources.map(\.etag) == ["\"b\""])
    #expect(try reader.history(limit: 1).entries.count == 1)

    func lookup(_ text: String) throws -> LookupReport {
      try LookupReport.read(query: text, address: IPAddress(text)!, config: fixture.config)
    }
    let removed = try lookup("::ffff:1.1.1.1")
    #expect(removed.address.description == "1.1.1.1")
    #expect(!removed.isListed)
    #expect(removed.data?.events.map(\.changeID) == [2, 1])
    #expect(removed.data?.events.map(\.added) == [false, true])
    #expect(removed.data?.events.map(\.score) == [3, 3])

    let rescored = try lookup("2.2.2.2")
    #expect(rescored.data?.listed?.score == 8)
    #expect(rescored.data?.listed?.sinceChange == 1)
    #expect(rescored.data?.events.map(\.changeID) == [1])

    let ipv6 = try lookup("2001:4860:4860:0:0:0:0:8888".uppercased())
    #expect(ipv6.isListed)
    #expect(ipv6.address.description == "2001:4860:4860::8888")

    let added = try lookup("9.9.9.9")
    #expect(added.data?.listed?.since == fixture.clock.now.seconds)
    #expect(added.data?.listed?.sinceChange == 2)

    let never = try lookup("8.8.4.4")
    #expect(!never.isListed)
    #expect(never.data?.events.isEmpty == true)
  }

  @Test func retentionPrunesAddressRowsButKeepsChangeSummaries() throws {
    var fixture = self.fixture
    fixture.config.historyDays = 30
    let runner = fixture.runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 3)]), etag: "\"a\"")
    _ = try runner.runOnce()
    fixture.clock.advance(days: 31)
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3), ("3.3.3.3", 3)]), etag: "\"b\"")
    _ = try runner.runOnce()

    let reader = try #require(try StateReader.open(directory: fixture.config.stateDirectory))
    #expect(try reader.history(limit: 20).entries.count == 2)
    let kept = try LookupReport.read(
      query: "1.1.1.1", address: IPAddress("1.1.1.1")!, config: fixture.config)
    #expect(kept.isListed)
    #expect(kept.data?.events.isEmpty == true)  // its "added" row of change 1 aged out
    let removed = try LookupReport.read(
      query: "2.2.2.2", address: IPAddress("2.2.2.2")!, config: fixture.config)
    #expect(removed.data?.events.map(\.changeID) == [2])
  }

  @Test func staleWhenNoCheckSucceededFor2IntervalsPlusJitter() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3)]), etag: "\"a\"")
    _ = try runner.runOnce()
    let window = (fixture.config.interval * 2 + fixture.config.jitter).components.seconds
    fixture.clock.advance(seconds: window)
    #expect(!(try StatusReport.read(config: fixture.config, now: fixture.clock.now).stale))
    fixture.clock.advance(seconds: 1)
    let status = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    #expect(status.stale)
    #expect(status.text.contains("YES: last successful check"))
  }

  @Test func aMovedAsideDatabaseIsRebuiltFromTheRulesFile() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 4)]), etag: "\"a\"")
    _ = try runner.runOnce()
    let path = StateDatabase.path(in: fixture.config.stateDirectory)
    #expect(rename(path, path + ".broken") == 0)

    // A new runner (the daemon restarted): the list is taken from the rules file, so the
    // first cycle records no change and the file is left alone.
    let fresh = fixture.runner()
    let report = try fresh.runOnce()
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(fixture.fetcher.requests.last?.validators == HTTPValidators.none)
    let status = try StatusReport.read(config: fixture.config, now: fixture.clock.now)
    #expect(status.outputState == .matches)
    #expect(status.total == 2)
    let lookup = try LookupReport.read(
      query: "2.2.2.2", address: IPAddress("2.2.2.2")!, config: fixture.config)
    #expect(lookup.data?.listed?.score == 4)
    #expect(lookup.text.contains("taken over from the rules file"))
  }

  @Test func reconcileRestoresAMissingFileAndReportsTheCount() throws {
    let runner = fixture.runner()
    fixture.fetcher.answerBody(ipsumFeed([("1.1.1.1", 3), ("2.2.2.2", 4)]), etag: "\"a\"")
    _ = try runner.runOnce()
    let before = try Data(contentsOf: URL(fileURLWithPath: fixture.outputPath))
    try FileManager.default.removeItem(atPath: fixture.outputPath)
    #expect(try runner.reconcile() == 2)
    #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.outputPath)) == before)
    #expect(try runner.reconcile() == 2)
    let last = try runner.lastChange()
    #expect(last?.added == 2)
  }
}
