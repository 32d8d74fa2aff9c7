import Foundation
import IPFeedCore
import IPFeedSystem
import Testing
import Yams

/// `falco-ipfeed falco-config`, and `check-config`'s warning when Falco does not load the plugin.
@Suite struct FalcoConfigCommandTests {
  private func config(
    _ directory: TemporaryDirectory, falcoYAML: String?, mode: String = "plugin"
  ) throws -> String {
    let falcoConfig = directory.file("falco.yaml")
    if let falcoYAML { try directory.write("falco.yaml", falcoYAML) }
    return try directory.write(
      "c.yaml",
      """
      output:
        mode: \(mode)
        data_path: \(directory.file("state/data.bin"))
      falco:
        config: \(falcoConfig)
      """)
  }

  @Test func printsLoadPluginsKeepingTheLoadedOnesAndThePluginEntry() throws {
    let directory = try TemporaryDirectory()
    let path = try config(
      directory,
      falcoYAML:
        "load_plugins: [container, k8smeta]\nplugins:\n  - name: container\n"
        + "    library_path: libcontainer.so\n")
    let run = try CommandRun.falcoIPFeed(["falco-config", "--config", path])
    #expect(run.status == 0, "\(run.error)")
    let yaml = try #require(try Yams.load(yaml: run.output) as? [String: Any])
    #expect(yaml["load_plugins"] as? [String] == ["container", "k8smeta", "ipfeed"])
    let plugins = try #require(yaml["plugins"] as? [[String: Any]])
    #expect(plugins.count == 1)
    #expect(plugins[0]["name"] as? String == "ipfeed")
    #expect(
      plugins[0]["library_path"] as? String == "/usr/share/falco/plugins/libfalco-ipfeed.so")
    let initConfig = try #require(plugins[0]["init_config"] as? [String: String])
    #expect(
      initConfig == [
        "data_path": directory.file("state/data.bin"),
        "status_path": directory.file("state/falco-plugin-status.json"),
      ])
  }

  @Test func withoutFalcosConfigKeepsTheContainerPlugin() throws {
    let directory = try TemporaryDirectory()
    let run = try CommandRun.falcoIPFeed([
      "falco-config", "--config", try config(directory, falcoYAML: nil),
    ])
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("load_plugins: [container, ipfeed]\n"))
  }

  @Test(arguments: [
    ("load_plugins: [container]\nplugins:\n  - name: container\n", "does not load the plugin"),
    (
      "load_plugins: [container]\nplugins:\n  - name: ipfeed\n    library_path: x.so\n",
      "load_plugins does not name it"
    ),
    ("load_plugins: [ipfeed]\n", "has no plugins: entry"),
  ])
  func checkConfigWarnsWhenFalcoDoesNotLoadThePlugin(falcoYAML: String, problem: String) throws {
    let directory = try TemporaryDirectory()
    let run = try CommandRun.falcoIPFeed([
      "check-config", "--config", try config(directory, falcoYAML: falcoYAML),
    ])
    #expect(run.status == 0)
    #expect(run.error.contains("warning: output.mode is plugin, but"), "\(run.error)")
    #expect(run.error.contains(problem), "\(run.error)")
    #expect(run.error.contains("falco-ipfeed falco-config"))
  }

  @Test func checkConfigIsQuietWhenFalcoLoadsThePlugin() throws {
    let directory = try TemporaryDirectory()
    let loaded =
      "load_plugins: [container, ipfeed]\nplugins:\n  - name: container\n"
      + "  - name: ipfeed\n    library_path: libfalco-ipfeed.so\n"
    for (mode, falcoYAML) in [("plugin", loaded), ("rules", "load_plugins: []\n")] {
      let run = try CommandRun.falcoIPFeed([
        "check-config", "--config", try config(directory, falcoYAML: falcoYAML, mode: mode),
      ])
      #expect(run.status == 0)
      #expect(!run.error.contains("load"), "\(mode): \(run.error)")
    }
  }

  @Test func checkConfigWarnsAboutADataFileInTmp() throws {
    let directory = try TemporaryDirectory()
    let run = try CommandRun.falcoIPFeed([
      "check-config", "--config", try config(directory, falcoYAML: nil),
    ])
    #expect(run.status == 0)
    #expect(run.error.contains("is in a temporary directory"), "\(run.error)")
    #expect(run.error.contains("PrivateTmp=true"))
  }

  @Test func checkConfigWarnsWhenFalcosConfigIsMissing() throws {
    let directory = try TemporaryDirectory()
    let run = try CommandRun.falcoIPFeed([
      "check-config", "--config", try config(directory, falcoYAML: nil),
    ])
    #expect(run.status == 0)
    #expect(run.error.contains("could not be read"), "\(run.error)")
  }
}
