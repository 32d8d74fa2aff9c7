import IPFeedCore
import Testing

/// The cycle in plugin mode: the data file follows the list, the rules file the config, and only
/// a new rules file costs a reload.
@Suite struct PluginModeCycleTests {
  let fetcher = ScriptedFetcher()
  let store = MemoryStateStore()
  let file = MemoryRulesFile()
  let data = MemoryDataFile()
  let reloader = CountingReloader()

  private let ipsum = SourceConfig(name: "ipsum", url: "https://feed.test/ipsum.txt", threshold: 2)

  private var config: Config {
    var config = Config.defaults
    config.sources = [ipsum]
    config.output.mode = .plugin
    return config
  }

  private func feed(_ lines: [(String, Int)]) -> String {
    lines.map { "\($0.0)\t\($0.1)\n" }.joined()
  }

  private func run(_ config: Config, at seconds: Int64) throws -> CycleReport {
    try UpdateCycle(config: config, now: UnixTime(seconds: seconds))
      .run(fetcher: fetcher, store: store, writer: file, reloader: reloader, dataWriter: data)
  }

  private func dataFile() throws -> PluginDataFile {
    try PluginDataFile(decoding: try #require(data.contents))
  }

  @Test func firstRunWritesBothFilesAndReloadsOnce() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3), ("2.2.2.2", 1)]), etag: nil))
    let report = try run(config, at: 1_000)
    #expect(report.rulesFileInstalled)
    #expect(report.dataFileGeneration == 1)
    #expect(file.installs == 1 && data.installs == 1 && reloader.reloads == 1)
    let written = try dataFile()
    #expect(written.generation == 1)
    #expect(
      written.entries == [
        PluginDataEntry(
          address: IPAddress("1.1.1.1")!, score: 3, source: "ipsum", listedSince: 1_000)
      ])
    #expect(store.commits.last?.dataFile?.generation == 1)
    #expect(store.commits.last?.dataFile?.listedAt == 1_000)
    #expect(report.changeID == 1)
  }

  @Test func aListChangeRewritesTheDataFileOnlyAndReloadsNothing() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    _ = try run(config, at: 1_000)
    store.since = [IPAddress("1.1.1.1")!: 1_000]
    let rules = file.contents
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 4), ("9.9.9.9", 2)]), etag: nil))
    let report = try run(config, at: 2_000)
    guard case .applied(let diff) = report.outcome else {
      Issue.record("expected applied, got \(report.outcome)")
      return
    }
    #expect(diff.added.map(\.address.description) == ["9.9.9.9"])
    #expect(!report.rulesFileInstalled)
    #expect(file.installs == 1 && file.contents == rules)
    #expect(data.installs == 2)
    #expect(reloader.reloads == 1)
    let written = try dataFile()
    #expect(written.generation == 2)
    #expect(written.lookup(IPAddress("1.1.1.1")!)?.listedSince == 1_000)
    #expect(written.lookup(IPAddress("1.1.1.1")!)?.score == 4)
    #expect(written.lookup(IPAddress("9.9.9.9")!)?.listedSince == 2_000)
  }

  @Test func aNewScoreAloneIsAChangeOfTheDataFile() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    _ = try run(config, at: 1_000)
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 5)]), etag: nil))
    let report = try run(config, at: 2_000)
    guard case .rewritten = report.outcome else {
      Issue.record("expected rewritten, got \(report.outcome)")
      return
    }
    #expect(report.dataFileGeneration == 2)
    #expect(try dataFile().lookup(IPAddress("1.1.1.1")!)?.score == 5)
    #expect(reloader.reloads == 1)
  }

  @Test func anUnchangedListWritesNothing() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    _ = try run(config, at: 1_000)
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config, at: 2_000)
    guard case .unchanged = report.outcome else {
      Issue.record("expected unchanged, got \(report.outcome)")
      return
    }
    #expect(data.installs == 1 && file.installs == 1 && reloader.reloads == 1)
    #expect(report.changeID == nil)
  }

  @Test func aMissingDataFileIsWrittenEvenWithoutAChange() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    _ = try run(config, at: 1_000)
    data.contents = nil
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(config, at: 2_000)
    #expect(data.installs == 2)
    #expect(report.dataFileGeneration == 2)
    #expect(try dataFile().count == 1)
    #expect(reloader.reloads == 1)
  }

  @Test func aConfigChangeRewritesTheRulesFileAndReloadsButLeavesTheDataFile() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    _ = try run(config, at: 1_000)
    var tiered = config
    tiered.output.tiers = [RiskTier(minScore: 8, priority: .critical)]
    fetcher.answer(ipsum.url, with: .notModified)
    let report = try run(tiered, at: 2_000)
    #expect(report.rulesFileInstalled)
    #expect(report.dataFileGeneration == nil)
    #expect(file.installs == 2 && reloader.reloads == 2 && data.installs == 1)
  }

  @Test func aRulesFileFalcoRejectsLeavesTheDataFileAlone() throws {
    fetcher.answer(ipsum.url, with: .body(feed([("1.1.1.1", 3)]), etag: nil))
    let rejecting = RejectingRulesFile()
    let report = try UpdateCycle(config: config, now: UnixTime(seconds: 1))
      .run(
        fetcher: fetcher, store: store, writer: rejecting, reloader: reloader, dataWriter: data)
    guard case .rejectedByFalco = report.outcome else {
      Issue.record("expected rejectedByFalco, got \(report.outcome)")
      return
    }
    #expect(data.installs == 0 && reloader.reloads == 0 && store.commits.isEmpty)
  }
}

/// A rules file whose every install Falco's check rejects.
private struct RejectingRulesFile: RulesFileWriter {
  func currentContents() throws -> [UInt8]? { nil }
  func install(_ contents: [UInt8]) throws {
    throw RulesFileRejection(.invalid, detail: "plugin ipfeed not loaded")
  }
}
