import Foundation
import Testing

/// `falco -V` of the plugin-mode rules file loads the plugin, with a stand-in `falco` that
/// records its arguments and the extra config file it is given.
@Suite struct PluginModeValidationTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n")
  }

  /// A `falco` that logs its arguments, and the file of `-o config_files=FILE`, then says Ok.
  private func standInFalco() throws -> String {
    let script = try directory.write(
      "bin/falco",
      """
      #!/bin/sh
      echo "$@" >> \(directory.file("falco-calls.log"))
      for argument in "$@"; do
        case "$argument" in
          config_files=*) cat "${argument#config_files=}" >> \(directory.file("falco-extra.log")) ;;
        esac
        file="$argument"
      done
      echo "$file: Ok"
      """)
    chmod(script, 0o755)
    return script
  }

  private func once(falcoYAML: String) throws -> CommandRun {
    let falcoConfig = try directory.write("falco.yaml", falcoYAML)
    let config = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
      output:
        mode: plugin
        data_path: \(directory.file("state/falco-ipfeed.bin"))
        path: \(directory.file("falco/rules.d/falco-ipfeed.yaml"))
      falco:
        reload: none
        validate: always
        binary: \(try standInFalco())
        config: \(falcoConfig)
      """)
    return try CommandRun.falcoIPFeed(["once", "--config", config])
  }

  @Test func whenFalcoDoesNotLoadThePluginTheCheckLoadsIt() throws {
    let run = try once(
      falcoYAML:
        "load_plugins: [container]\nplugins:\n  - name: container\n"
        + "    library_path: libcontainer.so\n")
    #expect(run.status == 0, "\(run.error)")
    let calls = try String(contentsOfFile: directory.file("falco-calls.log"), encoding: .utf8)
    let extraPath = directory.file("state/falco-plugin-check.yaml")
    #expect(
      calls.hasPrefix(
        "-c \(directory.file("falco.yaml")) -o config_files=\(extraPath) -V"
          + " \(directory.file("falco/.falco-ipfeed.yaml.tmp."))"), "\(calls)")
    let extra = try String(contentsOfFile: directory.file("falco-extra.log"), encoding: .utf8)
    #expect(extra.contains("load_plugins: [container, ipfeed]\n"))
    #expect(
      extra.contains(
        "  - name: ipfeed\n    library_path: /usr/share/falco/plugins/libfalco-ipfeed.so\n"))
    #expect(extra.contains("data_path: \"\(directory.file("state/falco-ipfeed.bin"))\""))
    #expect(extra.contains("status_path: \"\""))
  }

  @Test func whenFalcoLoadsThePluginTheCheckUsesFalcosConfigAlone() throws {
    let run = try once(
      falcoYAML:
        "load_plugins: [container, ipfeed]\nplugins:\n  - name: container\n"
        + "  - name: ipfeed\n    library_path: libfalco-ipfeed.so\n")
    #expect(run.status == 0, "\(run.error)")
    let calls = try String(contentsOfFile: directory.file("falco-calls.log"), encoding: .utf8)
    #expect(calls.hasPrefix("-c \(directory.file("falco.yaml")) -V "), "\(calls)")
    #expect(!calls.contains("config_files"))
  }
}
