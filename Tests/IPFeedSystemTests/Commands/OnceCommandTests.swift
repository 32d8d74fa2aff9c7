import Foundation
import Testing

/// `falco-ipfeed once` end to end, on `file://` feeds in a temporary directory.
@Suite struct OnceCommandTests {
  let directory: TemporaryDirectory
  let configPath: String
  let feedPath: String
  let outputPath: String

  init() throws {
    directory = try TemporaryDirectory()
    feedPath = directory.file("feeds/ipsum.txt")
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(feedPath)
          threshold: 2
      output:
        path: \(outputPath)
      falco:
        reload: none
        validate: never
      """)
  }

  private func writeFeed(_ addresses: [String], count: Int = 3) throws {
    try directory.write(
      "feeds/ipsum.txt", "# feed\n" + addresses.map { "\($0)\t\(count)\n" }.joined())
  }

  private func once(_ extra: [String] = []) throws -> CommandRun {
    try CommandRun.falcoIPFeed(["once", "--config", configPath] + extra)
  }

  private func listed() throws -> [String] {
    let text = String(
      decoding: try directory.read("falco/rules.d/falco-ipfeed.yaml"), as: UTF8.self)
    return text.split(separator: "\n").filter { $0.hasPrefix("    - \"") }
      .map { String($0.dropFirst(7).dropLast()) }
  }

  private func fileStat(_ path: String) -> stat {
    var info = stat()
    stat(path, &info)
    return info
  }

  @Test func writesThenLeavesAnUnchangedFileAlone() throws {
    try writeFeed(["8.8.8.8", "1.1.1.1", "2001:4860:4860::8888", "127.0.0.1"])
    let first = try once()
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.hasPrefix("applied: 3 addresses (+3 −0) written to \(outputPath)"))
    #expect(try listed() == ["1.1.1.1", "8.8.8.8", "2001:4860:4860::8888"])
    let before = fileStat(outputPath)
    #expect(before.st_mode & 0o777 == 0o644)

    Thread.sleep(forTimeInterval: 0.05)
    let second = try once()
    #expect(second.status == 0)
    #expect(second.output.hasPrefix("unchanged: 3 addresses"))
    let after = fileStat(outputPath)
    #expect(after.st_ino == before.st_ino)
    #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec)
    #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
  }

  @Test func changedListReplacesTheFileByRename() throws {
    try writeFeed(["8.8.8.8", "1.1.1.1"])
    _ = try once()
    let before = fileStat(outputPath)
    try writeFeed(["8.8.8.8", "9.9.9.9", "4.4.4.4"])
    let run = try once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.hasPrefix("applied: 3 addresses (+2 −1)"))
    #expect(try listed() == ["4.4.4.4", "8.8.8.8", "9.9.9.9"])
    #expect(fileStat(outputPath).st_ino != before.st_ino)
    // No temporary file left; the state journal lives in its own directory.
    #expect(
      directory.allFiles().filter { !$0.hasPrefix("state/") } == [
        "falco-ipfeed.yaml", "falco/rules.d/falco-ipfeed.yaml", "feeds/ipsum.txt",
      ])
  }

  @Test func safetyGuardHoldsWithExit3AndForceApplies() throws {
    try writeFeed((1...10).map { "44.0.0.\($0)" })
    _ = try once()
    let before = try directory.read("falco/rules.d/falco-ipfeed.yaml")
    try writeFeed(["44.0.0.1", "44.0.0.2"])
    let held = try once()
    #expect(held.status == 3)
    #expect(held.output.contains("held: update held by the safety guard: it would remove 8 of 10"))
    #expect(held.output.contains("--force"))
    #expect(try directory.read("falco/rules.d/falco-ipfeed.yaml") == before)

    let forced = try once(["--force"])
    #expect(forced.status == 0)
    #expect(try listed() == ["44.0.0.1", "44.0.0.2"])
  }

  @Test func rejectedFeedKeepsTheFileAndExits1() throws {
    try writeFeed(["8.8.8.8"])
    _ = try once()
    let before = try directory.read("falco/rules.d/falco-ipfeed.yaml")
    try directory.write("feeds/ipsum.txt", "<html>\n<body>502 Bad Gateway</body>\n</html>\n")
    let run = try once()
    #expect(run.status == 1)
    #expect(run.output.contains("REJECTED: source ipsum: feed rejected"))
    #expect(run.output.contains("first bad line 1: \"<html>\""))
    #expect(try directory.read("falco/rules.d/falco-ipfeed.yaml") == before)
  }

  @Test func missingFeedFileFailsWithoutWriting() throws {
    let run = try once()
    #expect(run.status == 1)
    #expect(run.output.contains("no such file: \(feedPath)"))
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func invalidConfigExits78NamingKeyAndFix() throws {
    try directory.write(
      "bad.yaml", "sources:\n  - name: ipsum\n    url: file:///x\n    threshold: 0\n")
    let run = try CommandRun.falcoIPFeed(["once", "--config", directory.file("bad.yaml")])
    #expect(run.status == 78)
    #expect(run.error.contains("bad.yaml:4: sources[0].threshold: \"0\""))
    #expect(run.error.contains("Fix:"))
  }

  @Test func leftoverTemporaryFileIsRemoved() throws {
    try writeFeed(["8.8.8.8"])
    try directory.write("falco/.falco-ipfeed.yaml.tmp.99999", "half a file")
    let run = try once()
    #expect(run.status == 0)
    #expect(run.error.contains("removed a temporary file left by a killed run"))
    #expect(
      !FileManager.default.fileExists(atPath: directory.file("falco/.falco-ipfeed.yaml.tmp.99999")))
  }
}

/// `once` with a stand-in `falco` binary that checks the new file like `falco -V` does.
@Suite struct OnceFalcoValidationTests {
  let directory: TemporaryDirectory
  let outputPath: String

  init() throws {
    directory = try TemporaryDirectory()
    outputPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n1.1.1.1\t9\n")
  }

  /// A `falco` that records its arguments and answers like Falco 0.44's `-V`.
  private func standInFalco(valid: Bool) throws -> String {
    let script = try directory.writeExecutable(
      "bin/falco",
      """
      #!/bin/sh
      echo "$@" >> \(directory.file("falco-calls.log"))
      file="$4"
      if \(valid ? "true" : "false"); then echo "$file: Ok"; exit 0; fi
      echo "$file: Invalid"
      echo "LOAD_ERR_COMPILE_OUTPUT (Error compiling output): invalid formatting token container.id"
      exit 1
      """)
    return script
  }

  /// A `falco` that is killed by a signal before it answers, as by the OOM killer.
  private func killedFalco() throws -> String {
    let script = try directory.writeExecutable(
      "bin/falco-killed",
      """
      #!/bin/sh
      echo "$@" >> \(directory.file("falco-calls.log"))
      kill -KILL $$
      """)
    return script
  }

  private func config(falco: String, validate: String = "always") throws -> String {
    try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
      output:
        path: \(outputPath)
      falco:
        reload: none
        validate: \(validate)
        binary: \(falco)
        config: /etc/falco/falco.yaml
      """)
  }

  @Test func validFileIsCheckedThenInstalled() throws {
    let falco = try standInFalco(valid: true)
    let run = try CommandRun.falcoIPFeed(["once", "--config", try config(falco: falco)])
    #expect(run.status == 0, "\(run.output)\(run.error)")
    let calls = try String(contentsOfFile: directory.file("falco-calls.log"), encoding: .utf8)
    #expect(
      calls.hasPrefix(
        "-c /etc/falco/falco.yaml -V \(directory.file("falco/.falco-ipfeed.yaml.tmp."))"))
    #expect(FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func invalidFileIsHeldWithExit3AndNothingInstalled() throws {
    let falco = try standInFalco(valid: false)
    let run = try CommandRun.falcoIPFeed(["once", "--config", try config(falco: falco)])
    #expect(run.status == 3, "\(run.output)\(run.error)")
    #expect(run.output.contains("held: update held: Falco found the new rules file invalid"))
    #expect(run.output.contains("invalid formatting token container.id"))
    #expect(!FileManager.default.fileExists(atPath: outputPath))
    #expect(!directory.allFiles().contains { $0.contains(".tmp.") })
  }

  /// A check that could not finish is no verdict on the file: `always` holds the update and
  /// says falco -V could not check it (not that Falco found it invalid).
  @Test func alwaysHoldsWhenFalcoIsKilledBeforeItAnswers() throws {
    let run = try CommandRun.falcoIPFeed(["once", "--config", try config(falco: killedFalco())])
    #expect(run.status == 3, "\(run.output)\(run.error)")
    #expect(run.output.contains("held: update held: falco -V could not check"), "\(run.output)")
    #expect(run.output.contains("killed by signal 9"), "\(run.output)")
    #expect(!run.output.contains("invalid"), "\(run.output)")
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }

  /// With `auto` a check that could not finish lets the update go ahead, with a warning.
  @Test func autoInstallsWhenFalcoIsKilledBeforeItAnswersAndWarns() throws {
    let run = try CommandRun.falcoIPFeed([
      "once", "--config", try config(falco: killedFalco(), validate: "auto"),
    ])
    #expect(run.status == 0, "\(run.output)\(run.error)")
    #expect(run.output.hasPrefix("applied: 2 addresses"), "\(run.output)")
    #expect(run.error.contains("falco -V could not check the new rules file"), "\(run.error)")
    #expect(run.error.contains("killed by signal 9"), "\(run.error)")
    #expect(FileManager.default.fileExists(atPath: outputPath))
    #expect(FileManager.default.fileExists(atPath: directory.file("falco-calls.log")))
  }

  /// With `auto` a file Falco rejects is still held: only a check that could not run is waived.
  @Test func autoStillHoldsAFileFalcoRejects() throws {
    let falco = try standInFalco(valid: false)
    let run = try CommandRun.falcoIPFeed([
      "once", "--config", try config(falco: falco, validate: "auto"),
    ])
    #expect(run.status == 3, "\(run.output)\(run.error)")
    #expect(run.output.contains("Falco found the new rules file invalid"))
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }

  @Test func alwaysWithoutAFalcoBinaryHoldsAndSaysWhy() throws {
    let run = try CommandRun.falcoIPFeed([
      "once", "--config", try config(falco: directory.file("bin/no-such-falco")),
    ])
    #expect(run.status == 3)
    #expect(run.output.contains("could not run"))
    #expect(!FileManager.default.fileExists(atPath: outputPath))
  }
}

/// `once` making a stand-in Falco load the file through its pid file, and retrying a reload
/// that failed.
@Suite struct OnceFalcoReloadTests {
  @Test func failedReloadIsRetriedAtTheNextRun() throws {
    let directory = try TemporaryDirectory()
    let pidFile = directory.file("falco.pid")
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n")
    let config = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
      output:
        path: \(directory.file("falco/rules.d/falco-ipfeed.yaml"))
      falco:
        reload: sighup
        unit: ""
        pid_file: \(pidFile)
        validate: never
      """)
    // No Falco yet: the file is written, the reload fails and stays pending.
    let first = try CommandRun.falcoIPFeed(["once", "--config", config])
    #expect(first.status == 1)
    #expect(first.error.contains("Falco reload failed"))
    #expect(first.error.contains("\(pidFile) does not exist"))
    let pending = try CommandRun.falcoIPFeed(["status", "--config", config])
    #expect(pending.output.contains("Falco reload   PENDING since"), "\(pending.output)")

    // Falco runs now: the next run, with nothing new, makes it load the file once.
    let falco = try StandInFalco(directory: directory)
    let second = try CommandRun.falcoIPFeed(["once", "--config", config])
    #expect(second.status == 0, "\(second.output)\(second.error)")
    #expect(second.output.hasPrefix("unchanged"))
    #expect(falco.waitForHangups(1))
    let cleared = try CommandRun.falcoIPFeed(["status", "--json", "--config", config])
    #expect(cleared.output.contains("\"falco_reload_pending\": null"), "\(cleared.output)")
    let third = try CommandRun.falcoIPFeed(["once", "--config", config])
    #expect(third.status == 0)
    Thread.sleep(forTimeInterval: 0.3)
    #expect(falco.hangups == 1)
  }

  private func pidFileConfig(_ directory: TemporaryDirectory, pidFile: String) throws -> String {
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n")
    return try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
      output:
        path: \(directory.file("falco/rules.d/falco-ipfeed.yaml"))
      falco:
        reload: sighup
        pid_file: \(pidFile)
        validate: never
      """)
  }

  /// A configured pid file is the target, though falco.unit keeps its default: no D-Bus.
  @Test func aPidFileIsTheTargetBesideTheDefaultUnit() throws {
    let directory = try TemporaryDirectory()
    let falco = try StandInFalco(directory: directory)
    let config = try pidFileConfig(directory, pidFile: falco.pidFile)
    let check = try CommandRun.falcoIPFeed(["check-config", "--config", config])
    #expect(check.status == 0)
    #expect(
      check.output.contains("# Falco reload: SIGHUP to the pid in \(falco.pidFile)"),
      "\(check.output)")
    let run = try CommandRun.falcoIPFeed(["once", "--config", config])
    #expect(run.status == 0, "\(run.output)\(run.error)")
    #expect(!run.error.contains("bus"), "\(run.error)")
    #expect(falco.waitForHangups(1))
  }

  /// A pid file whose pid now belongs to another program: that program is left alone.
  @Test func aStalePidFileSignalsNothing() throws {
    let directory = try TemporaryDirectory()
    let other = try StandInFalco(directory: directory, name: "postgres")
    let config = try pidFileConfig(directory, pidFile: other.pidFile)
    let run = try CommandRun.falcoIPFeed(["once", "--config", config])
    #expect(run.status == 1)
    #expect(run.error.contains("\(other.pidFile) is stale"), "\(run.error)")
    #expect(run.error.contains("\"postgres\", not \"falco\""), "\(run.error)")
    Thread.sleep(forTimeInterval: 0.3)
    #expect(other.hangups == 0)
  }
}
