import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

@Suite struct CheckConfigCommandTests {
  @Test func validConfigPrintsTheEffectiveConfig() throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("c.yaml", "interval: 12h\n")
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", path])
    #expect(run.status == 0, "\(run.error)")
    let printed = try ConfigLoader.parse(yaml: run.output, file: "output")
    var expected = Config.defaults
    expected.interval = .seconds(12 * 3600)
    #expect(printed == expected)
  }

  /// A config whose URLs carry credentials, readable by every user: check-config warns,
  /// naming the file and the chmod; 0640, or no credentials, gives no warning.
  @Test(arguments: [
    ("https://user:token@feeds.example/x.txt", 0o644 as mode_t, true),
    ("https://feeds.example/x.txt?api_key=k", 0o604, true),
    ("https://user:token@feeds.example/x.txt", 0o640, false),
    ("https://feeds.example/x.txt", 0o644, false),
  ])
  func warnsWhenOthersCanReadCredentials(url: String, mode: mode_t, warns: Bool) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("c.yaml", "sources:\n  - name: feed\n    url: \(url)\n")
    chmod(path, mode)
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", path])
    #expect(run.status == 0, "\(run.error)")
    let fixed = String(repeating: "0", count: 1) + String(mode & ~0o007, radix: 8)
    #expect(run.error.contains("warning: \(path) is readable by every user") == warns)
    #expect(run.error.contains("chmod \(fixed) \(path)") == warns, "\(run.error)")
    #expect(!run.error.contains("token"))
  }

  /// Tiers that start above the threshold: valid, with a warning that names the gap and the fix.
  @Test func warnsWhenTheTiersLeaveKeptScoresWithoutAlert() throws {
    let directory = try TemporaryDirectory()
    let sources = "sources:\n  - name: ipsum\n    url: https://feeds.example/ipsum.txt\n"
    let gap = try directory.write(
      "gap.yaml",
      sources + "    threshold: 2\noutput:\n  tiers: [{min_score: 4, priority: ERROR}]\n")
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", gap])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("warning: output.tiers: the lowest tier starts at min_score 4"))
    #expect(run.error.contains("addresses with scores 2 to 3 are kept but on no tier"))
    let covered = try directory.write(
      "covered.yaml",
      sources + "    threshold: 4\noutput:\n  tiers: [{min_score: 4, priority: ERROR}]\n")
    let quiet = try CommandRun.falcoIPFeed(["check-config", "--config", covered])
    #expect(quiet.status == 0, "\(quiet.error)")
    #expect(!quiet.error.contains("output.tiers"), "\(quiet.error)")
  }

  @Test func shippedConfigIsValid() throws {
    let path = TestPaths.package.appendingPathComponent("etc/falco-ipfeed/falco-ipfeed.yaml").path
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", path])
    #expect(run.status == 0, "\(run.error)")
  }

  @Test(arguments: [
    ("interval: 6 hours\n", "interval"),
    ("sources:\n  - name: a\n    url: ftp://x/y\n", "sources[0].url"),
    ("output:\n  lst_name: x\n", "output.lst_name"),
    ("http:\n  timeout: soon\n", "http.timeout"),
  ])
  func invalidConfigExits78(yaml: String, key: String) throws {
    let directory = try TemporaryDirectory()
    let path = try directory.write("c.yaml", yaml)
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", path])
    #expect(run.status == 78)
    #expect(run.error.contains(path))
    #expect(run.error.contains(key))
    #expect(run.output.isEmpty)
  }

  @Test func missingConfigExits78() throws {
    let run = try CommandRun.falcoIPFeed(["check-config", "--config", "/nonexistent/c.yaml"])
    #expect(run.status == 78)
    #expect(run.error.contains("/nonexistent/c.yaml"))
  }
}
