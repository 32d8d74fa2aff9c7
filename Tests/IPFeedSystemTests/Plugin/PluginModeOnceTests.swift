import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

/// `once` and `run` in plugin mode, end to end, with a stand-in Falco that counts its SIGHUPs:
/// Falco reloads once, for the first rules file, and never for a list change.
@Suite(.serialized) struct PluginModeOnceTests {
  let directory: TemporaryDirectory
  let falco: StandInFalco
  let configPath: String
  let rulesPath: String
  let dataPath: String

  init() throws {
    directory = try TemporaryDirectory()
    falco = try StandInFalco(directory: directory)
    rulesPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    dataPath = directory.file("state/falco-ipfeed.bin")
    configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      interval: 1h
      jitter: 0s
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
          threshold: 2
      exclude: []
      output:
        mode: plugin
        data_path: \(dataPath)
        tiers: [{min_score: 8, priority: CRITICAL}, {min_score: 2, priority: WARNING}]
        path: \(rulesPath)
      falco:
        reload: sighup
        unit: ""
        pid_file: \(falco.pidFile)
        validate: never
      """)
  }

  private func writeFeed(_ lines: [(String, Int)]) throws {
    try directory.write("feeds/ipsum.txt", lines.map { "\($0.0)\t\($0.1)\n" }.joined())
  }

  private func once() throws -> CommandRun {
    try CommandRun.falcoIPFeed(["once", "--config", configPath])
  }

  private func dataFile() throws -> PluginDataFile {
    try PluginDataFile(decoding: try #require(try FileSystemProbe.read(dataPath)))
  }

  @Test func aListChangeRewritesTheDataFileAndNotTheRulesFileAndSendsNoReload() throws {
    try writeFeed([("45.148.10.99", 9), ("1.1.1.1", 3), ("2a01:4f8::7", 5), ("8.8.8.8", 1)])
    let first = try once()
    #expect(first.status == 0, "\(first.error)")
    #expect(falco.waitForHangups(1), "the first rules file makes Falco load the plugin's rules")
    let rules = try #require(try FileSystemProbe.read(rulesPath))
    let rulesIdentity = try FileSystemProbe.identity(rulesPath)
    let firstData = try dataFile()
    #expect(firstData.generation == 1)
    #expect(
      firstData.entries.map(\.address.description) == ["1.1.1.1", "45.148.10.99", "2a01:4f8::7"])
    #expect(firstData.lookup(IPAddress("45.148.10.99")!)?.score == 9)
    #expect(firstData.lookup(IPAddress("45.148.10.99")!)?.source == "ipsum")
    let text = String(decoding: rules, as: UTF8.self)
    #expect(text.contains("ipfeed.listed = true and ipfeed.score >= 8"))
    #expect(!text.contains("45.148.10.99"))

    // A change of the list: a new data file under the next change id, the rules file untouched.
    try writeFeed([("45.148.10.99", 9), ("2a01:4f8::7", 5), ("185.220.101.4", 4)])
    let second = try once()
    #expect(second.status == 0, "\(second.error)")
    #expect(
      second.output.contains("(+1 −1) written to \(dataPath), no Falco reload (change 2)"),
      "\(second.output)")
    let secondData = try dataFile()
    #expect(secondData.generation == 2)
    #expect(secondData.lookup(IPAddress("185.220.101.4")!)?.score == 4)
    #expect(secondData.lookup(IPAddress("1.1.1.1")!) == nil)
    #expect(
      secondData.lookup(IPAddress("45.148.10.99")!)?.listedSince
        == firstData.lookup(IPAddress("45.148.10.99")!)?.listedSince)
    #expect(try FileSystemProbe.read(rulesPath) == rules)
    #expect(try FileSystemProbe.identity(rulesPath) == rulesIdentity)

    // Unchanged: nothing written.
    let dataIdentity = try FileSystemProbe.identity(dataPath)
    #expect(try once().status == 0)
    #expect(try FileSystemProbe.identity(dataPath) == dataIdentity)

    // No temporary file is left beside either file.
    #expect(FileSystemProbe.entries(directory.file("state")).allSatisfy { !$0.contains(".tmp.") })
    Thread.sleep(forTimeInterval: 0.5)
    #expect(falco.hangups == 1)
  }

  @Test func aMissingOrEditedDataFileIsRestoredFromTheJournalWithoutAReload() throws {
    try writeFeed([("45.148.10.99", 9), ("1.1.1.1", 3)])
    #expect(try once().status == 0)
    #expect(falco.waitForHangups(1))
    let original = try #require(try FileSystemProbe.read(dataPath))

    try FileManager.default.removeItem(atPath: dataPath)
    let restored = try once()
    #expect(restored.status == 0, "\(restored.error)")
    #expect(
      restored.error.contains("the data file is missing: rewriting it from the state journal"))
    #expect(try FileSystemProbe.read(dataPath) == original)

    _ = try directory.write("state/falco-ipfeed.bin", "not a data file\n")
    let edited = try once()
    #expect(edited.error.contains("the data file differs from the one the state journal says"))
    #expect(try FileSystemProbe.read(dataPath) == original)
    Thread.sleep(forTimeInterval: 0.5)
    #expect(falco.hangups == 1)
  }

  @Test func withoutAJournalTheListIsTakenFromTheDataFile() throws {
    try writeFeed([("45.148.10.99", 9), ("1.1.1.1", 3)])
    #expect(try once().status == 0)
    for name in ["state.sqlite", "state.sqlite-wal", "state.sqlite-shm"] {
      try? FileManager.default.removeItem(atPath: directory.file("state/\(name)"))
    }
    try writeFeed([("45.148.10.99", 9), ("1.1.1.1", 3), ("8.8.4.4", 2)])
    let run = try once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("taking it from the data file"), "\(run.error)")
    #expect(run.output.contains("(+1 −0)"), "\(run.output)")
    #expect(try dataFile().count == 3)
  }

  @Test func historyNamesTheDataFilesDigestAndLookupItsSince() throws {
    try writeFeed([("45.148.10.99", 9)])
    #expect(try once().status == 0)
    let data = try #require(try FileSystemProbe.read(dataPath))
    let history = try CommandRun.falcoIPFeed(["history", "--json", "--config", configPath])
    #expect(history.output.contains(SHA256Digest.hex(data)), "\(history.output)")
    let lookup = try CommandRun.falcoIPFeed([
      "lookup", "45.148.10.99", "--json", "--config", configPath,
    ])
    #expect(lookup.status == 0)
    let since = try dataFile().lookup(IPAddress("45.148.10.99")!)!.listedSince
    #expect(lookup.output.contains(UnixTime(seconds: since).iso8601), "\(lookup.output)")
  }
}

/// `status` in plugin mode reads what the real plugin says it has loaded.
@Suite(.serialized) struct PluginModeStatusTests {
  @Test func statusSaysWhichGenerationThePluginLoaded() throws {
    let directory = try TemporaryDirectory()
    let dataPath = directory.file("state/falco-ipfeed.bin")
    let statusPath = directory.file("state/falco-plugin-status.json")
    let feed = directory.file("feeds/ipsum.txt")
    let configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(feed)
          threshold: 1
      exclude: []
      output:
        mode: plugin
        data_path: \(dataPath)
        path: \(directory.file("falco/rules.d/falco-ipfeed.yaml"))
      falco:
        reload: none
        validate: never
      """)
    func status() throws -> CommandRun {
      try CommandRun.falcoIPFeed(["status", "--config", configPath])
    }
    try directory.write("feeds/ipsum.txt", "45.148.10.99\t7\n1.1.1.1\t2\n")
    #expect(try CommandRun.falcoIPFeed(["once", "--config", configPath]).status == 0)

    let before = try status()
    #expect(before.output.contains("Falco plugin: no status file at \(statusPath) yet"))
    #expect(before.output.contains("generation 1, 2 addresses: matches the state journal"))

    // Falco starts with the plugin, which loads generation 1 and says so in its status file.
    let initConfig = "{\"data_path\":\"\(dataPath)\",\"status_path\":\"\(statusPath)\"}"
    let plugin = try PluginInFalco(initConfig: initConfig, log: directory.file("plugin.log"))
    #expect(waitFor { (try? String(contentsOfFile: statusPath, encoding: .utf8)) != nil })
    plugin.stop()
    let loaded = try status()
    #expect(loaded.status == 0)
    #expect(
      loaded.output.range(
        of: #"\nFalco plugin: generation 1 loaded \d+ s after it was written, 2 entries\n"#,
        options: .regularExpression) != nil, "\(loaded.output)")
    let json = try jsonObject(
      try CommandRun.falcoIPFeed(["status", "--json", "--config", configPath]).output)
    let mode = try #require(json["plugin_mode"] as? [String: Any])
    #expect(mode["state"] as? String == "matches")
    #expect((mode["plugin"] as? [String: Any])?["generation"] as? Int == 1)
    #expect((mode["plugin"] as? [String: Any])?["current"] as? Bool == true)

    // A new list while Falco is stopped: the plugin is still on generation 1.
    try directory.write("feeds/ipsum.txt", "45.148.10.99\t7\n1.1.1.1\t2\n8.8.4.4\t3\n")
    #expect(try CommandRun.falcoIPFeed(["once", "--config", configPath]).status == 0)
    let behind = try status()
    #expect(
      behind.output.contains("Falco plugin: still on generation 1 (the daemon wrote 2)"),
      "\(behind.output)")
  }

  private func waitFor(_ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .seconds(10)
    while !condition() && ContinuousClock.now < deadline { usleep(20_000) }
    return condition()
  }
}
