import Foundation
import Testing

/// `once` when nothing changed takes the short path (no parsing, no list, no rendering), and
/// still notices every real change: a body changed under the same validators, a changed
/// threshold, exclusion, list name or tiers, a rules file edited by hand, a missing data file in
/// plugin mode.
@Suite struct OnceUnchangedTests {
  let directory: TemporaryDirectory
  let feedPath: String
  let outputPath: String
  let configPath: String

  init() throws {
    directory = try TemporaryDirectory()
    feedPath = directory.file("feeds/ipsum.txt")
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    configPath = directory.file("falco-ipfeed.yaml")
  }

  private func writeConfig(
    url: String? = nil, threshold: Int = 1, exclude: String = "[]",
    listName: String = "malicious_ip_list", output: String = ""
  ) throws {
    try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: \(url ?? "file://\(feedPath)")
          threshold: \(threshold)
      exclude: \(exclude)
      output:
        path: \(outputPath)
        list_name: \(listName)
      \(output)
      falco:
        reload: none
        validate: never
      """)
  }

  private func once() throws -> CommandRun {
    try CommandRun.falcoIPFeed(["once", "--config", configPath])
  }

  private func rulesText() throws -> String {
    String(decoding: try directory.read("falco/rules.d/falco-ipfeed.yaml"), as: UTF8.self)
  }

  private func listed() throws -> [String] {
    try rulesText().split(separator: "\n").filter { $0.hasPrefix("    - \"") }
      .map { String($0.dropFirst(7).dropLast()) }
  }

  /// The rules file's inode and modification time: what a rewrite would change.
  private func rulesFileIdentity() throws -> [String] {
    let attributes = try FileManager.default.attributesOfItem(atPath: outputPath)
    return ["\(attributes[.systemFileNumber] ?? "")", "\(attributes[.modificationDate] ?? "")"]
  }

  private func lastCycleOutcome() throws -> String? {
    let run = try CommandRun.falcoIPFeed(["status", "--json", "--config", configPath])
    return (try jsonObject(run.output)["last_cycle"] as? [String: Any])?["outcome"] as? String
  }

  private let feed = ipsumFeed([("45.1.1.1", 3), ("45.2.2.2", 5), ("45.3.3.3", 1)])

  @Test func aSecondRunOverTheSameFileLeavesEverythingAlone() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    #expect(try once().output.hasPrefix("applied: 3 addresses"))
    let identity = try rulesFileIdentity()
    let second = try once()
    #expect(second.status == 0, "\(second.error)")
    #expect(second.output.hasPrefix("unchanged: 3 addresses"), "\(second.output)")
    #expect(second.output.contains("ipsum: "), "the source's line is still printed")
    #expect(try rulesFileIdentity() == identity)
    #expect(try lastCycleOutcome() == "unchanged")
    let history = try CommandRun.falcoIPFeed(["history", "--json", "--config", configPath])
    #expect((try jsonObject(history.output)["changes"] as? [Any])?.count == 1)
  }

  @Test func aFeedChangedInPlaceToTheSameSizeIsApplied() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    _ = try once()
    // One digit differs: the same size, no validators for a file, only the bytes tell.
    try directory.write(
      "feeds/ipsum.txt", ipsumFeed([("45.1.1.1", 3), ("45.2.2.9", 5), ("45.3.3.3", 1)]))
    let run = try once()
    #expect(run.output.hasPrefix("applied: 3 addresses (+1 −1)"), "\(run.output)")
    #expect(try listed() == ["45.1.1.1", "45.2.2.9", "45.3.3.3"])
  }

  @Test func aChangedThresholdExclusionOrListNameIsApplied() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    _ = try once()

    try writeConfig(threshold: 3)
    let threshold = try once()
    #expect(threshold.output.hasPrefix("applied: 2 addresses (+0 −1)"), "\(threshold.output)")
    #expect(try listed() == ["45.1.1.1", "45.2.2.2"])

    try writeConfig(threshold: 3, exclude: "[45.2.2.0/24]")
    let exclude = try once()
    #expect(exclude.output.hasPrefix("applied: 1 addresses (+0 −1)"), "\(exclude.output)")
    #expect(try listed() == ["45.1.1.1"])

    try writeConfig(threshold: 3, exclude: "[45.2.2.0/24]", listName: "feed_addresses")
    let listName = try once()
    #expect(listName.output.hasPrefix("rewritten: 1 addresses"), "\(listName.output)")
    #expect(try rulesText().contains("- list: feed_addresses\n"))

    // And with that config recorded, the next run is unchanged again.
    #expect(try once().output.hasPrefix("unchanged: 1 addresses"))
  }

  @Test func aRulesFileEditedByHandIsRestored() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    _ = try once()
    // The second run finds the file right and remembers its inode and times.
    #expect(try once().output.hasPrefix("unchanged: 3 addresses"))
    let original = try rulesText()
    let modified = try FileManager.default.attributesOfItem(atPath: outputPath)[.modificationDate]
    // The same size, and the modification time put back: only the status-change time and the
    // bytes tell.
    try directory.write(
      "falco/rules.d/falco-ipfeed.yaml",
      original.replacingOccurrences(of: "45.2.2.2", with: "45.2.2.7"))
    try FileManager.default.setAttributes(
      [.modificationDate: modified as Any], ofItemAtPath: outputPath)
    let run = try once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("differs from the one the state journal says was applied"))
    #expect(try rulesText() == original)
    #expect(try once().output.hasPrefix("unchanged: 3 addresses"))
  }

  @Test func aRemovedRulesFileIsRestored() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    _ = try once()
    _ = try once()
    let original = try rulesText()
    try FileManager.default.removeItem(atPath: outputPath)
    let run = try once()
    #expect(run.error.contains("the rules file is missing"))
    #expect(try rulesText() == original)
  }

  @Test func aServerThatIgnoresValidatorsCostsNoRewrite() throws {
    let server = try FaultServer([
      "/ipsum.txt": .init(
        status: 200, reason: "OK", headers: ["ETag: \"same\""], body: Array(feed.utf8))
    ])
    defer { server.stop() }
    try writeConfig(url: "\(server.baseURL)/ipsum.txt")
    _ = try once()
    let identity = try rulesFileIdentity()
    let second = try once()
    #expect(second.output.hasPrefix("unchanged: 3 addresses"), "\(second.output)")
    #expect(try rulesFileIdentity() == identity)
  }

  @Test func aChangedBodyUnderTheSameETagIsApplied() throws {
    let first = try FaultServer([
      "/ipsum.txt": .init(
        status: 200, reason: "OK", headers: ["ETag: \"same\""], body: Array(feed.utf8))
    ])
    let port = first.port
    try writeConfig(url: "\(first.baseURL)/ipsum.txt")
    _ = try once()
    first.stop()
    let changed = ipsumFeed([("45.1.1.1", 3), ("45.2.2.2", 5), ("45.4.4.4", 1)])
    let second = try FaultServer(
      [
        "/ipsum.txt": .init(
          status: 200, reason: "OK", headers: ["ETag: \"same\""], body: Array(changed.utf8))
      ], port: port)
    defer { second.stop() }
    let run = try once()
    #expect(run.output.hasPrefix("applied: 3 addresses (+1 −1)"), "\(run.output)")
    #expect(try listed() == ["45.1.1.1", "45.2.2.2", "45.4.4.4"])
  }

  @Test func changedTiersAreApplied() throws {
    try writeConfig()
    try directory.write("feeds/ipsum.txt", feed)
    _ = try once()
    try writeConfig(
      output: "  tiers: [{min_score: 4, priority: CRITICAL}, {min_score: 1, priority: WARNING}]")
    let run = try once()
    #expect(run.output.hasPrefix("rewritten: 3 addresses"), "\(run.output)")
    #expect(try rulesText().contains("- list: malicious_ip_list_critical\n"))
    #expect(try once().output.hasPrefix("unchanged: 3 addresses"))
  }

  @Test func aMissingDataFileInPluginModeIsRestored() throws {
    let dataPath = directory.file("state/falco-ipfeed.bin")
    try writeConfig(output: "  mode: plugin\n  data_path: \(dataPath)")
    try directory.write("feeds/ipsum.txt", feed)
    #expect(try once().output.hasPrefix("applied: 3 addresses"))
    let data = try directory.read("state/falco-ipfeed.bin")
    #expect(try once().output.hasPrefix("unchanged: 3 addresses"))
    try FileManager.default.removeItem(atPath: dataPath)
    let run = try once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("the data file is missing"), "\(run.error)")
    #expect(try directory.read("state/falco-ipfeed.bin") == data)
  }
}
