import Foundation
import IPFeedCore
import Testing

/// A new data file is picked up while Falco's event thread extracts; a bad one is refused and
/// the old set kept; metrics and the status file say what is loaded.
@Suite(.serialized) struct PluginSwapTests {
  /// `count` IPv4 addresses in 10.0.0.0/8 (never 203.0.113.9).
  private func filler(_ count: Int) -> [PluginDataEntry] {
    (0..<count).map { index in
      PluginDataEntry(
        address: .v4(0x0A00_0000 | UInt32(index)), score: 6 + index % 5, source: "ipsum",
        listedSince: 1_764_000_000)
    }
  }

  private let target = DataFiles.entry("203.0.113.9", score: 12)
  private let event = RawEvent.connect(
    tuple: RawEvent.tuple4("192.168.1.5", 40000, "203.0.113.9", 443))

  @Test func swapWhileExtractingInALoop() throws {
    let data = try DataFiles.directory() + "/falco-ipfeed.bin"
    try DataFiles.write(generation: 1, filler(20_000), to: data)
    let harness = try PluginHarness()
    #expect(harness.initialise(DataFiles.config(dataPath: data)).rc == 0)
    #expect(harness.extract(event)["ipfeed.listed"] == "false")

    harness.send("loop-start " + event.hex)
    Thread.sleep(forTimeInterval: 0.3)
    try DataFiles.write(generation: 2, filler(20_000) + [target], to: data)
    harness.send("mark")
    Thread.sleep(forTimeInterval: 2.0)
    let loop = harness.fields("loop-stop")

    let changed = Int64(loop["changed_ns"] ?? "") ?? -1
    #expect(changed >= 0, "the loop never saw generation 2")
    #expect(changed < 1_500_000_000, "generation 2 answered \(changed) ns after the rename")
    // No extraction waits on the load: its CPU time stays small, and so does its wall-clock time
    // when the loop runs at real-time priority (as root), out of reach of the machine's load.
    let slowestCPU = Int64(loop["max_cpu_ns"] ?? "") ?? .max
    #expect(slowestCPU < 5_000_000, "an extraction used \(slowestCPU) ns of CPU during the swap")
    let slowest = Int64(loop["max_ns"] ?? "") ?? .max
    if loop["realtime"] == "1" {
      #expect(slowest < 5_000_000, "an extraction took \(slowest) ns during the swap")
    }
    #expect(loop["listed"] == "true")
    #expect((Int(loop["count"] ?? "") ?? 0) > 1000)
    #expect(harness.extract(event)["ipfeed.generation"] == "2")
  }

  @Test func badFilesKeepTheOldSetAndAreReported() throws {
    let directory = try DataFiles.directory()
    let data = directory + "/falco-ipfeed.bin"
    let status = directory + "/falco-ipfeed.status"
    try DataFiles.write(generation: 1, [target], to: data)
    let harness = try PluginHarness()
    #expect(harness.initialise(DataFiles.config(dataPath: data, statusPath: status)).rc == 0)
    #expect(harness.extract(event)["ipfeed.score"] == "12")

    // Not a data file at all.
    try DataFiles.write(Array("- list: malicious_ip_list\n".utf8), to: data)
    #expect(harness.waitUntil { harness.metric("load_failures") == 1 })
    #expect(harness.extract(event)["ipfeed.generation"] == "1")
    #expect(harness.extract(event)["ipfeed.listed"] == "true")

    // A good file cut short, as by a copy that did not finish.
    let next = PluginDataFile(generation: 2, entries: []).encoded()
    let whole = PluginDataFile(generation: 3, entries: filler(1000)).encoded()
    try DataFiles.write(Array(whole.prefix(whole.count / 2)), to: data)
    #expect(harness.waitUntil { harness.metric("load_failures") == 2 })
    #expect(harness.extract(event)["ipfeed.generation"] == "1")
    // The status file follows the metric: the watcher counts the failure, then writes the file.
    func statusReport() -> PluginStatus? {
      (try? String(contentsOfFile: status, encoding: .utf8)).flatMap {
        try? PluginStatus(parsing: $0)
      }
    }
    #expect(harness.waitUntil { statusReport()?.loadFailures == 2 })
    let report = try #require(statusReport())
    #expect(report.generation == 1)
    #expect(report.loadFailures == 2)
    #expect(report.lastError?.contains("truncated") == true)

    // A damaged byte.
    var damaged = whole
    damaged[damaged.count - 3] ^= 0xff
    try DataFiles.write(damaged, to: data)
    #expect(harness.waitUntil { harness.metric("load_failures") == 3 })
    #expect(harness.extract(event)["ipfeed.generation"] == "1")

    // Then a good one is taken.
    try DataFiles.write(next, to: data)
    #expect(harness.waitUntil { harness.metric("generation") == 2 })
    #expect(harness.extract(event)["ipfeed.listed"] == "false")
    harness.send("destroy")

    let log = harness.closeAndReadLog()
    #expect(
      log.contains("severity 3: refused the data file: \(data): not a falco-ipfeed data file"))
    #expect(log.contains("data file is truncated"))
    #expect(log.contains("data file is damaged"))
    #expect(log.contains("keeping generation 1 (1 entries)"))
  }

  @Test func metricsSayWhatIsLoaded() throws {
    let data = try DataFiles.directory() + "/falco-ipfeed.bin"
    try DataFiles.write(generation: 41, filler(250) + [target], to: data)
    let harness = try PluginHarness()
    #expect(harness.initialise(DataFiles.config(dataPath: data)).rc == 0)
    let parts = harness.send("metrics").split(separator: "\t").map(String.init)
    #expect(parts.count == 16)
    var metrics: [String: (type: String, valueType: String, value: String)] = [:]
    for index in stride(from: 0, to: parts.count, by: 4) {
      metrics[parts[index]] = (parts[index + 1], parts[index + 2], parts[index + 3])
    }
    #expect(metrics["entries"]?.value == "251")
    #expect(metrics["generation"]?.value == "41")
    #expect(metrics["load_failures"]?.value == "0")
    #expect((UInt64(metrics["age_seconds"]?.value ?? "") ?? .max) < 60)
    // Monotonic (0) for the counter, non-monotonic (1) for the rest; all u64 (2).
    #expect(metrics["load_failures"]?.type == "0")
    #expect(metrics["entries"]?.type == "1")
    #expect(metrics.values.allSatisfy { $0.valueType == "2" })
  }

  @Test func statusFileFollowsEachLoad() throws {
    let directory = try DataFiles.directory()
    let data = directory + "/falco-ipfeed.bin"
    let status = directory + "/falco-ipfeed.status"
    try DataFiles.write(generation: 31, [target], to: data)
    let harness = try PluginHarness()
    #expect(harness.initialise(DataFiles.config(dataPath: data, statusPath: status)).rc == 0)
    let first = try PluginStatus(parsing: String(contentsOfFile: status, encoding: .utf8))
    #expect(first.generation == 31)
    #expect(first.entries == 1)
    #expect(first.dataPath == data)
    #expect(first.lastError == nil)
    let modified =
      try FileManager.default.attributesOfItem(atPath: data)[.modificationDate] as! Date
    #expect(first.dataWrittenAt == Int64(modified.timeIntervalSince1970))
    let now = Int64(Date().timeIntervalSince1970)
    #expect(abs((first.loadedAt ?? 0) - now) < 60)

    try DataFiles.write(generation: 32, [target, DataFiles.entry("198.51.100.1")], to: data)
    #expect(
      harness.waitUntil {
        (try? PluginStatus(parsing: String(contentsOfFile: status, encoding: .utf8)))?.generation
          == 32
      })
    let second = try PluginStatus(parsing: String(contentsOfFile: status, encoding: .utf8))
    #expect(second.entries == 2)
    #expect(second.line(appliedGeneration: 32).hasPrefix("Falco plugin: generation 32 loaded "))
    #expect(
      !FileManager.default.fileExists(atPath: status + ".tmp"), "no temporary file is left behind")
  }
}
