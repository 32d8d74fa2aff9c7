import Foundation
import Testing

/// A config with a `file://` source, the rules file and the state directory in one temporary
/// directory, for running the executable.
struct OnceFixture {
  let directory: TemporaryDirectory
  let configPath: String
  let feedPath: String
  let outputPath: String
  let stateDirectory: String

  init(threshold: Int = 1, maxRemovedPercent: Int = 50) throws {
    directory = try TemporaryDirectory()
    feedPath = directory.file("feeds/ipsum.txt")
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    stateDirectory = directory.file("state")
    configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(stateDirectory)
      sources:
        - name: ipsum
          url: file://\(feedPath)
          threshold: \(threshold)
      exclude: []
      output:
        path: \(outputPath)
      falco:
        reload: none
        validate: never
      safety:
        max_removed_percent: \(maxRemovedPercent)
      """)
  }

  func writeFeed(_ lines: [(String, Int)]) throws {
    try directory.write("feeds/ipsum.txt", ipsumFeed(lines))
  }

  func writeFeed(_ bytes: [UInt8]) throws {
    try directory.write("feeds/ipsum.txt", bytes)
  }

  func run(_ command: String, _ extra: [String] = []) throws -> CommandRun {
    try CommandRun.falcoIPFeed([command, "--config", configPath] + extra)
  }

  func once(_ extra: [String] = []) throws -> CommandRun { try run("once", extra) }

  /// `status --json`, parsed.
  func status() throws -> [String: Any] {
    let run = try run("status", ["--json"])
    #expect(run.status == 0, "\(run.error)")
    return try jsonObject(run.output)
  }

  /// The output's state in `status`: "matches", "differs", "missing" or "unknown".
  func outputState() throws -> String? {
    (try status()["output"] as? [String: Any])?["state"] as? String
  }

  /// Temporary files beside the rules directory (where the atomic writer stages them).
  func temporaryFiles() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: directory.file("falco")))?
      .filter { $0.contains(".tmp.") } ?? []
  }

  func rulesFile() throws -> [UInt8] {
    try directory.read("falco/rules.d/falco-ipfeed.yaml")
  }

  func listed() throws -> [String] {
    String(decoding: try rulesFile(), as: UTF8.self).split(separator: "\n")
      .filter { $0.hasPrefix("    - \"") }.map { String($0.dropFirst(7).dropLast()) }
  }
}
