import IPFeedCore
import Testing

/// The short path of an unchanged cycle: decided from the journal's summary alone when every
/// source delivers its stored body again under the same config, and never taken when anything
/// that shapes the list or the file changed.
@Suite struct UnchangedCycleTests {
  let fetcher = ScriptedFetcher()
  let store = MemoryStateStore()
  let file = MemoryRulesFile()
  let reloader = CountingReloader()

  private let ipsum = SourceConfig(name: "ipsum", url: "https://feed.test/ipsum.txt", threshold: 2)
  private let body = "# test feed\n1.1.1.1\t3\n2.2.2.2\t5\n"

  private func config(_ change: (inout Config) -> Void = { _ in }) -> Config {
    var config = Config.defaults
    config.sources = [ipsum]
    change(&config)
    return config
  }

  /// A digest that is the body itself: equal exactly when the bytes are.
  private static let digest: @Sendable ([UInt8]) -> String = { String(decoding: $0, as: UTF8.self) }

  /// A cycle as the shell runs it, right after it checked the rules file.
  private func run(_ config: Config) throws -> CycleReport {
    try UpdateCycle(config: config, bodyDigest: Self.digest, outputReconciled: true)
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader)
  }

  /// Applies `body` once and forgets how often the parts were used.
  private func applyFirst(_ config: Config) throws {
    fetcher.answer(ipsum.url, with: .body(body, etag: "\"a\""))
    _ = try run(config)
    store.loads = 0
    file.reads = 0
  }

  private var listed: [String] { store.state.list.addresses.map(\.description) }

  @Test func a304IsDecidedWithoutTheListOrTheRulesFile() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config())
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(report.total == 2)
    #expect(report.exitCode == 0)
    #expect(store.loads == 0)
    #expect(file.reads == 0)
    #expect(file.installs == 1)
    #expect(reloader.reloads == 1)
    #expect(store.recorded.last?.ending == .unchanged)
    #expect(store.recorded.last?.checks.first?.result == .notModified)
  }

  @Test func theSameBytesWithTheSameValidatorsAreNotParsedAgain() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .body(body, etag: "\"a\""))
    let report = try run(config())
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(store.loads == 0)
    #expect(file.reads == 0)
    #expect(store.commits.count == 1)
  }

  @Test func aChangedBodyWithTheSameValidatorsIsApplied() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .body("1.1.1.1\t3\n3.3.3.3\t5\n", etag: "\"a\""))
    let report = try run(config())
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["3.3.3.3"])
    #expect(diff.removed.map(\.address.description) == ["2.2.2.2"])
    #expect(listed == ["1.1.1.1", "3.3.3.3"])
    #expect(file.installs == 2)
  }

  @Test func theSameBytesWithNewValidatorsStoreTheValidators() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .body(body, etag: "\"b\""))
    let report = try run(config())
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    // The list was computed (and found unchanged) so that the new validators could be stored.
    #expect(store.loads == 1)
    #expect(store.state.sources["ipsum"]?.validators.etag == "\"b\"")
    #expect(file.installs == 1)
  }

  @Test func aChangedThresholdRecomputesTheList() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config { $0.sources[0].threshold = 4 })
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.removed.map(\.address.description) == ["1.1.1.1"])
    #expect(listed == ["2.2.2.2"])
  }

  @Test func aChangedExclusionRecomputesTheList() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config { $0.exclude.append(try! AddressPrefix(parsing: "2.2.2.0/24")) })
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.removed.map(\.address.description) == ["2.2.2.2"])
    #expect(listed == ["1.1.1.1"])
  }

  @Test func aChangedListNameRewritesTheFile() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config { $0.output.listName = "feed_addresses" })
    guard case .rewritten = report.outcome else {
      Issue.record("expected rewritten, got \(report.outcome)")
      return
    }
    #expect(file.installs == 2)
    #expect(String(decoding: file.contents ?? [], as: UTF8.self).contains("- list: feed_addresses"))
    // Recorded with the new config: the next 304 takes the short path again.
    store.loads = 0
    _ = try run(config { $0.output.listName = "feed_addresses" })
    #expect(store.loads == 0)
  }

  @Test func aFailedFetchWithItsBodyStoredKeepsTheListWithoutComputingIt() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .failure("connection refused"))
    let report = try run(config())
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(report.exitCode == 1)
    #expect(report.sources.first?.feedUsed?.entries.count == 2)
    #expect(store.loads == 0)
    #expect(store.recorded.last?.checks.first?.result == .failed)
  }

  @Test func withoutADigestTheSameBytesAreParsedAgain() throws {
    try applyFirst(config())
    fetcher.answer(ipsum.url, with: .body(body, etag: "\"a\""))
    let report = try UpdateCycle(config: config(), outputReconciled: true)
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader)
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(store.loads == 1)
  }

  @Test func withoutAReconciledFileAMissingFileIsStillRewritten() throws {
    try applyFirst(config())
    file.contents = nil
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try UpdateCycle(config: config(), bodyDigest: Self.digest)
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader)
    guard case .rewritten = report.outcome else {
      Issue.record("expected rewritten, got \(report.outcome)")
      return
    }
    #expect(file.installs == 2)
  }
}
