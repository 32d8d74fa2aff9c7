import Foundation
import IPFeedCore
import Synchronization
import Testing

/// The daemon for a long run (`FALCO_IPFEED_SOAK_SECONDS`; `make soak` runs 600, `make test`
/// 60) with SIGUSR1 every 0.2 s against a server that alternates changed feeds, 304s, an error
/// page and faults: its memory and open descriptors stay flat after warm-up, every cycle is
/// accounted for in the state journal, and the rules file is always one of the good feeds'
/// lists.
@Suite(.serialized, .enabled(if: SoakLength.seconds != nil, SoakLength.howToRun))
struct SoakTests {
  @Test func flatMemoryAndDescriptorsEveryCycleRecordedRulesFileAlwaysAGoodList() throws {
    let duration = Double(try #require(SoakLength.seconds))
    let directory = try TemporaryDirectory()
    let notify = try NotifySocket(directory: directory)
    let server = try SoakFeedServer()
    let outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    let configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      interval: 1h
      jitter: 0s
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: \(server.url)
          threshold: 1
      exclude: []
      output:
        path: \(outputPath)
      falco:
        reload: none
        validate: never
      safety:
        max_removed_percent: 100
      http:
        timeout: 2s
      """)
    let watcher = try RulesFileWatcher(
      path: outputPath,
      lists: [SoakFeedServer.addresses(.first), SoakFeedServer.addresses(.second)])
    let daemon = try DaemonProcess(
      configPath: configPath, notifySocket: notify, directory: directory)
    #expect(notify.waitFor { $0.contains("READY=1") } != nil, "log: \(daemon.log)")

    // SIGUSR1 every 0.2 s; a sample of memory and descriptors every 2 s.
    let start = ContinuousClock.now
    var samples: [ProcessSample] = []
    var signals = 0
    while true {
      let elapsed = Self.seconds(since: start)
      guard elapsed < duration, daemon.process.isRunning else { break }
      daemon.send(SIGUSR1)
      signals += 1
      if signals % 10 == 1,
        let sample = ProcessSample(pid: daemon.process.processIdentifier, elapsed: elapsed)
      {
        samples.append(sample)
      }
      Thread.sleep(forTimeInterval: 0.2)
    }
    #expect(daemon.process.isRunning, "the daemon ended; log: \(daemon.log.suffix(2_000))")

    // Let the last requested cycle end, then stop: every request the server got was a cycle.
    var cycles = Self.cycleCount(notify)
    while true {
      Thread.sleep(forTimeInterval: 3)
      let now = Self.cycleCount(notify)
      if now == cycles { break }
      cycles = now
    }
    daemon.send(SIGTERM)
    #expect(daemon.waitForExit(within: .seconds(10)) == 0)
    watcher.stop()
    server.stop()

    let served = server.served
    #expect(served.count == cycles, "served \(served.count) requests in \(cycles) cycles")
    let expected = Self.expectedChanges(served)
    let history = try CommandRun.falcoIPFeed(
      ["history", "--json", "--limit", "1000000", "--config", configPath])
    let changes = try #require(try jsonObject(history.output)["changes"] as? [[String: Any]])
    let recorded = changes.reversed().map {
      [$0["added"] as? Int ?? -1, $0["removed"] as? Int ?? -1]
    }
    #expect(recorded == expected, "the journal's changes differ from the feeds served")
    let applied = daemon.log.components(separatedBy: "notice: list applied").count - 1
    #expect(applied == expected.count)
    let status = try jsonObject(
      try CommandRun.falcoIPFeed(["status", "--json", "--config", configPath]).output)
    #expect((status["output"] as? [String: Any])?["state"] as? String == "matches")
    #expect(
      watcher.violations.isEmpty, "rules file not a good list: \(watcher.violations.prefix(3))")
    #expect(watcher.reads > 100)

    let report = SoakReport(duration: duration, samples: samples)
    print(
      """
      soak: \(Int(duration)) s, \(signals) SIGUSR1, \(cycles) cycles: \
      \(served.filter { if case .body = $0 { true } else { false } }.count) bodies \
      (\(expected.count) changes applied), \(served.filter { $0 == .notModified }.count) 304s, \
      \(served.filter { $0 == .fault }.count) faults; rules file read \(watcher.reads) times, \
      always a good list: \(watcher.violations.isEmpty)
      \(report.text)
      """)
    #expect(report.residentGrowthKiB <= report.allowedResidentGrowthKiB, "\(report.text)")
    #expect(report.descriptorGrowth <= 4, "\(report.text)")
  }

  private static func seconds(since start: ContinuousClock.Instant) -> Double {
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
  }

  /// Cycles that ended: one STATUS= line each (READY's own is not a cycle's).
  private static func cycleCount(_ notify: NotifySocket) -> Int {
    notify.messages.filter { $0.hasPrefix("STATUS=") }.count
  }

  /// The changes the daemon must have recorded, oldest first, as [added, removed]: each good
  /// body that differs from the list applied before it.
  static func expectedChanges(_ served: [SoakFeedServer.Served]) -> [[Int]] {
    var applied: Set<String> = []
    var changes: [[Int]] = []
    for case .body(let feed) in served where feed != .errorPage {
      let list = Set(SoakFeedServer.addresses(feed))
      guard list != applied else { continue }
      changes.append([list.subtracting(applied).count, applied.subtracting(list).count])
      applied = list
    }
    return changes
  }
}

/// How long the soak runs: `FALCO_IPFEED_SOAK_SECONDS`, unset for an ordinary test run.
enum SoakLength {
  static var seconds: Int? {
    ProcessInfo.processInfo.environment["FALCO_IPFEED_SOAK_SECONDS"].flatMap { Int($0) }
  }
  static let howToRun: Comment =
    "the soak runs when FALCO_IPFEED_SOAK_SECONDS is set: make soak (600 s), make test (60 s)"
}
