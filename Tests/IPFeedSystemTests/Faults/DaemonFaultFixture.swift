import Foundation
import Testing

/// `falco-ipfeed run` with a `file://` feed, its rules file under `falco/rules.d` and its state
/// journal under `state`, each a directory a test may mount a faulty file system over.
struct DaemonFaultFixture {
  let directory: TemporaryDirectory
  let notify: NotifySocket
  let feedPath: String
  let outputPath: String
  let stateDirectory: String
  let configPath: String
  /// The parent of the rules directory, where the temporary file is staged.
  var stagingDirectory: String { directory.file("falco") }

  init(falco: String = "  reload: none\n") throws {
    directory = try TemporaryDirectory()
    notify = try NotifySocket(directory: directory)
    feedPath = directory.file("feeds/ipsum.txt")
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    stateDirectory = directory.file("state")
    configPath = directory.file("falco-ipfeed.yaml")
    try FileManager.default.createDirectory(
      atPath: stagingDirectory, withIntermediateDirectories: true)
    try writeFeed(Self.addresses(3))
    try writeConfig(falco: falco)
  }

  /// Plugin mode's data file, in a directory of its own.
  var dataPath: String { directory.file("plugin/falco-ipfeed.bin") }

  /// `output` adds lines to the output section, each indented two spaces.
  func writeConfig(falco: String, output: String = "") throws {
    try directory.write(
      "falco-ipfeed.yaml",
      """
      interval: 1h
      jitter: 0s
      state_directory: \(stateDirectory)
      sources:
        - name: ipsum
          url: file://\(feedPath)
          threshold: 1
      exclude: []
      output:
        path: \(outputPath)
      \(output)
      falco:
        validate: never
      \(falco)
      safety:
        max_removed_percent: 100
      """)
  }

  /// `count` distinct public addresses, 11.0.0.1 upwards, from `offset`.
  static func addresses(_ count: Int, offset: Int = 0) -> [String] {
    (offset + 1...offset + count).map { "11.\($0 >> 16 & 0xFF).\($0 >> 8 & 0xFF).\($0 & 0xFF)" }
  }

  func writeFeed(_ addresses: [String]) throws {
    try directory.write("feeds/ipsum.txt", ipsumFeed(addresses.map { ($0, 3) }))
  }

  func start(environment: [String: String] = [:]) throws -> DaemonProcess {
    try DaemonProcess(
      configPath: configPath, notifySocket: notify, directory: directory,
      environment: environment)
  }

  /// The STATUS= lines sent at the end of a cycle (not those sent with READY=1).
  var cycleStatuses: [String] {
    notify.messages.filter { $0.hasPrefix("STATUS=") }
  }

  /// Waits for the `count`-th cycle to end; returns its status line.
  func waitForCycle(_ count: Int, within timeout: Duration = .seconds(30)) -> String? {
    guard notify.waitForCount(count, within: timeout, { $0.hasPrefix("STATUS=") }) else {
      return nil
    }
    return cycleStatuses[count - 1]
  }

  /// SIGUSR1, then waits for that cycle to end; returns its status line.
  func runCycle(_ daemon: DaemonProcess) -> String? {
    let done = cycleStatuses.count
    daemon.send(SIGUSR1)
    return waitForCycle(done + 1)
  }

  /// The addresses in the rules file, in its order.
  func listed() throws -> [String] {
    String(decoding: try directory.read("falco/rules.d/falco-ipfeed.yaml"), as: UTF8.self)
      .split(separator: "\n").filter { $0.hasPrefix("    - \"") }
      .map { String($0.dropFirst(7).dropLast()) }
  }

  func rulesFile() throws -> [UInt8] {
    try directory.read("falco/rules.d/falco-ipfeed.yaml")
  }

  /// Temporary files beside the rules directory, where the atomic writer stages them.
  func temporaryFiles() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: stagingDirectory)) ?? [])
      .filter { $0.contains(".tmp.") }
  }

  func run(_ command: String, _ extra: [String] = []) throws -> CommandRun {
    try CommandRun.falcoIPFeed([command, "--config", configPath] + extra)
  }

  /// `status --json`, parsed.
  func status() throws -> [String: Any] {
    let run = try run("status", ["--json"])
    #expect(run.status == 0, "\(run.error)")
    return try jsonObject(run.output)
  }

  /// "matches", "differs", "missing" or "unknown": the rules file against the journal.
  func outputState() throws -> String? {
    (try status()["output"] as? [String: Any])?["state"] as? String
  }

  /// The list's size as the state journal has it.
  func journalTotal() throws -> Int? {
    try status()["total"] as? Int
  }

  /// The number of changes in `history`.
  func changeCount() throws -> Int {
    let run = try run("history", ["--json", "--limit", "1000"])
    let changes = try jsonObject(run.output)["changes"] as? [Any]
    return changes?.count ?? 0
  }
}
