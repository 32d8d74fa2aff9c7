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
