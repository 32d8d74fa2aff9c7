import IPFeedCore
import Testing

@Suite struct UpdateCycleTests {
  let fetcher = ScriptedFetcher()
  let store = MemoryStateStore()
  let file = MemoryRulesFile()
  let reloader = CountingReloader()

  private func config(_ sources: [SourceConfig]) -> Config {
    var config = Config.defaults
    config.sources = sources
    return config
  }

  private let ipsum = SourceConfig(name: "ipsum", url: "https://feed.test/ipsum.txt", threshold: 2)

  private func feed(_ lines: [(String, Int)]) -> String {
    "# test feed\n" + lines.map { "\($0.0)\t\($0.1)\n" }.joined()
  }

  private func run(_ config: Config, force: Bool = false) throws -> CycleReport {
    try UpdateCycle(config: config, force: force)
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader)
  }

  private var listed: [String] {
    store.state.list.addresses.map(\.description)
  }

  @Test func firstRunAppliesWritesAndReloadsOnce() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("2.2.2.2", 1)]), etag: "\"a\""))
    let report = try run(config([ipsum]))
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["1.1.1.1"])
    #expect(report.total == 1)
    #expect(report.exitCode == 0)
    #expect(file.installs == 1)
    #expect(reloader.reloads == 1)
    #expect(listed == ["1.1.1.1"])
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"a\"")
  }

  @Test func unchangedListWritesNothingAndReloadsNothing() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config([ipsum]))
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(file.installs == 1)
    #expect(reloader.reloads == 1)
    #expect(fetcher.requests.last?.validators.etag == "\"a\"")
  }

  @Test func changedListIsDiffed() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("2.2.2.2", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    fetcher.answer(ipsum.url, with: .body(feed([("2.2.2.2", 3), ("3.3.3.3", 5)]), etag: "\"b\""))
    let report = try run(config([ipsum]))
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["3.3.3.3"])
    #expect(diff.removed.map(\.address.description) == ["1.1.1.1"])
    #expect(listed == ["2.2.2.2", "3.3.3.3"])
    #expect(reloader.reloads == 2)
  }

  @Test func rejectedBodyKeepsTheLastGoodDataAndItsValidators() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    let before = file.contents
    fetcher.answer(ipsum.url, with: .body("<html>502 Bad Gateway</html>\n", etag: "\"bad\""))
    let report = try run(config([ipsum]))
    #expect(report.exitCode == 1)
    #expect(report.sources[0].failure?.contains("feed rejected") == true)
    #expect(file.contents == before)
    #expect(file.installs == 1)
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"a\"")
    #expect(listed == ["1.1.1.1"])
  }

  @Test func failedSourceFallsBackWhileOthersUpdate() throws {
    let plain = SourceConfig(name: "local", url: "file:///feeds/local.txt", format: .plain)
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    fetcher.answer(plain.url, with: .body("5.5.5.5\n", etag: nil))
    _ = try run(config([ipsum, plain]))
    fetcher.answer(ipsum.url, with: .failure("HTTP 503 Service Unavailable"))
    fetcher.answer(plain.url, with: .body("5.5.5.5\n6.6.6.6\n", etag: nil))
    let report = try run(config([ipsum, plain]))
    #expect(report.exitCode == 1)
    #expect(listed == ["1.1.1.1", "5.5.5.5", "6.6.6.6"])
  }

  @Test func noDataAtAllAppliesNothing() throws {
    fetcher.answer(ipsum.url, with: .failure("connection refused"))
    let report = try run(config([ipsum]))
    guard case .noData = report.outcome else {
      Issue.record("expected noData, got \(report.outcome)")
      return
    }
    #expect(report.exitCode == 1)
    #expect(file.contents == nil)
    #expect(store.commits.isEmpty)
  }

  @Test func safetyGuardHoldsAndForceApplies() throws {
    let many = (1...10).map { ("9.9.9.\($0)", 5) }
    fetcher.answer(ipsum.url, with: .body(feed(many), etag: "\"a\""))
    _ = try run(config([ipsum]))
    let before = file.contents
    fetcher.answer(ipsum.url, with: .body(feed(Array(many.prefix(4))), etag: "\"b\""))
    let held = try run(config([ipsum]))
    guard case .held(let hold) = held.outcome else {
      Issue.record("expected held, got \(held.outcome)")
      return
    }
    #expect(hold.description.contains("remove 6 of 10"))
    #expect(held.exitCode == 3)
    #expect(file.contents == before)
    // Held: the new body's validators are not stored, so the next poll downloads it again.
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"a\"")
    #expect(store.commits.count == 1)

    let forced = try run(config([ipsum]), force: true)
    #expect(forced.exitCode == 0)
    #expect(listed.count == 4)
  }

  @Test func missingFileIsRewrittenWithoutAListChange() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    file.contents = nil
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config([ipsum]))
    guard case .rewritten = report.outcome else {
      Issue.record("expected rewritten, got \(report.outcome)")
      return
    }
    #expect(file.installs == 2)
    #expect(reloader.reloads == 2)
  }

  @Test func reloadFailureIsReportedAfterTheFileIsInPlace() throws {
    reloader.fails = true
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    let report = try run(config([ipsum]))
    #expect(report.reloadFailure == "Falco is gone")
    #expect(report.exitCode == 1)
    #expect(file.installs == 1)
    #expect(store.commits.count == 1)
  }

  @Test func exclusionsApplyAcrossSources() throws {
    var config = config([ipsum])
    config.exclude = [try AddressPrefix(parsing: "1.1.0.0/16")]
    fetcher.answer(
      ipsum.url, with: .body(feed([("1.1.1.1", 3), ("10.0.0.1", 9), ("8.8.4.4", 2)]), etag: nil))
    let report = try run(config)
    #expect(listed == ["8.8.4.4"])
    #expect(report.exclusions.configuredTotal == 1)
    #expect(report.exclusions.specialRangeTotal == 1)
  }
}

/// What the cycle hands the state journal: checks, change ids, validators only with a list.
@Suite struct UpdateCycleJournalTests {
  let fetcher = ScriptedFetcher()
  let store = MemoryStateStore()
  let file = MemoryRulesFile()
  let reloader = CountingReloader()
  private let ipsum = SourceConfig(name: "ipsum", url: "https://feed.test/ipsum.txt", threshold: 2)

  private func config(_ sources: [SourceConfig]) -> Config {
    var config = Config.defaults
    config.sources = sources
    return config
  }

  private func feed(_ lines: [(String, Int)]) -> String {
    "# test feed\n" + lines.map { "\($0.0)\t\($0.1)\n" }.joined()
  }

  private func run(_ config: Config, force: Bool = false) throws -> CycleReport {
    try UpdateCycle(config: config, force: force)
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader)
  }

  @Test func commitCarriesChecksRescoredEntriesAndTheChangeID() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("2.2.2.2", 3)]), etag: "\"a\""))
    let first = try run(config([ipsum]))
    #expect(first.changeID == 1)
    #expect(CycleSummary.lines(for: first, outputPath: "/x.yaml")[0].hasSuffix("(change 1)"))
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("2.2.2.2", 9)]), etag: "\"b\""))
    let second = try run(config([ipsum]))
    guard case .unchanged = second.outcome else {
      Issue.record("expected unchanged, got \(second.outcome)")
      return
    }
    #expect(second.changeID == nil)
    let commit = try #require(store.commits.last)
    #expect(commit.rescored.map(\.address.description) == ["2.2.2.2"])
    #expect(commit.rescored.first?.score == 9)
    #expect(!commit.isChange)
    #expect(commit.checks.map(\.result) == [.downloaded])
    #expect(commit.checks.first?.code == "200")
    #expect(commit.updatedSources["ipsum"]?.validators.etag == "\"b\"")
    #expect(commit.updatedSources["ipsum"]?.url == ipsum.url.text)
  }

  @Test func heldAndNoDataCyclesRecordChecksButNoValidators() throws {
    fetcher.answer(ipsum.url, with: .failure("connection refused"))
    _ = try run(config([ipsum]))
    #expect(store.recorded.map(\.ending) == [.noData])
    #expect(store.recorded[0].checks.first?.code == "failed")
    #expect(store.recorded[0].checks.first?.error?.contains("connection refused") == true)

    let many = (1...10).map { ("9.9.9.\($0)", 5) }
    fetcher.answer(ipsum.url, with: .body(feed(many), etag: "\"a\""))
    _ = try run(config([ipsum]))
    fetcher.answer(ipsum.url, with: .body(feed(Array(many.prefix(2))), etag: "\"b\""))
    _ = try run(config([ipsum]))
    guard case .held(let reason) = store.recorded.last?.ending else {
      Issue.record("expected a held cycle recorded, got \(store.recorded)")
      return
    }
    #expect(reason.contains("remove 8 of 10"))
    #expect(store.commits.count == 1)
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"a\"")

    _ = try run(config([ipsum]), force: true)
    #expect(store.commits.last?.forced == true)
  }

  @Test func failedInstallRecordsTheFailureAndKeepsTheOldValidators() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    file.fails = true
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("3.3.3.3", 3)]), etag: "\"b\""))
    #expect(throws: CycleError.self) { try run(config([ipsum])) }
    guard case .failed(let cause) = store.recorded.last?.ending else {
      Issue.record("expected a failed cycle recorded, got \(store.recorded)")
      return
    }
    #expect(cause.contains("disk full"))
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"a\"")

    file.fails = false
    let report = try run(config([ipsum]))
    #expect(fetcher.requests.last?.validators.etag == "\"a\"")
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["3.3.3.3"])
  }

  @Test func storedStateOfAnotherURLOrFormatIsNotUsed() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: "\"a\""))
    _ = try run(config([ipsum]))
    let moved = SourceConfig(name: "ipsum", url: "https://mirror.test/ipsum.txt", threshold: 2)
    fetcher.answer(moved.url, with: .notModified)
    let report = try run(config([moved]))
    #expect(fetcher.requests.last?.validators == HTTPValidators.none)
    guard case .noData = report.outcome else {
      Issue.record("expected noData (304 without a stored body), got \(report.outcome)")
      return
    }
  }
}
