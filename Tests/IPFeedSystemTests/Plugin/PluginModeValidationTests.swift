import Foundation
import Testing

/// `falco -V` of the plugin-mode rules file runs with Falco's own config, which must load the
/// plugin: a stand-in `falco` that, like Falco, finds the plugin's fields only when its config
/// loads the plugin (there, or in a file of its config_files).
@Suite struct PluginModeValidationTests {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n")
  }

  /// A `falco` that logs its arguments and accepts the file only when its config, or a file
  /// it includes, names ipfeed in load_plugins.
  private func standInFalco() throws -> String {
    let script = try directory.writeExecutable(
      "bin/falco",
      """
      #!/bin/sh
      echo "$@" >> \(directory.file("falco-calls.log"))
      file="$4"
      if grep -qE '^load_plugins:.*ipfeed' "$2" \(directory.file("config.d"))/*.yaml 2> /dev/null; then
        echo "$file: Ok"; exit 0
      fi
      echo "$file: Invalid"
      echo "LOAD_ERR_COMPILE_CONDITION (Error compiling condition): filter_check called with nonexistent field ipfeed.listed"
      exit 1
      """)
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

  @Test func whenFalcoDoesNotLoadThePluginTheUpdateIsHeldWithTheFix() throws {
    let run = try once(
      falcoYAML:
        "load_plugins: [container]\nplugins:\n  - name: container\n"
        + "    library_path: libcontainer.so\n")
    #expect(run.status == 3, "\(run.output)\(run.error)")
    #expect(run.output.contains("nonexistent field ipfeed.listed"), "\(run.output)")
    #expect(
      run.output.contains("does not load the plugin ipfeed: add the lines that"), "\(run.output)")
    #expect(!FileManager.default.fileExists(atPath: directory.file("state/falco-ipfeed.bin")))
    #expect(
      !FileManager.default.fileExists(atPath: directory.file("falco/rules.d/falco-ipfeed.yaml")))
  }

  @Test func whenFalcoLoadsThePluginTheFileIsCheckedAndInstalled() throws {
    let run = try once(
      falcoYAML:
        "load_plugins: [container, ipfeed]\nplugins:\n  - name: container\n"
        + "  - name: ipfeed\n    library_path: libfalco-ipfeed.so\n")
    #expect(run.status == 0, "\(run.error)")
    let calls = try String(contentsOfFile: directory.file("falco-calls.log"), encoding: .utf8)
    #expect(calls.hasPrefix("-c \(directory.file("falco.yaml")) -V "), "\(calls)")
    #expect(FileManager.default.fileExists(atPath: directory.file("state/falco-ipfeed.bin")))
  }

  /// Falco's packages load the container plugin from /etc/falco/config.d: the plugin may be
  /// loaded there too, and the falco.yaml lines keep the container plugin.
  @Test func pluginsLoadedByConfigFilesCount() throws {
    try directory.write(
      "config.d/falco.container_plugin.yaml",
      "load_plugins: [container]\nplugins:\n  - name: container\n    library_path: libcontainer.so\n"
    )
    try directory.write(
      "config.d/zz-falco-ipfeed.yaml",
      "load_plugins: [ipfeed]\nplugins:\n  - name: ipfeed\n    library_path: libfalco-ipfeed.so\n")
    let run = try once(falcoYAML: "config_files:\n  - \(directory.file("config.d"))\n")
    #expect(run.status == 0, "\(run.output)\(run.error)")
    try FileManager.default.removeItem(atPath: directory.file("config.d/zz-falco-ipfeed.yaml"))
    let lines = try CommandRun.falcoIPFeed([
      "falco-config", "--config", directory.file("falco-ipfeed.yaml"),
    ])
    #expect(lines.output.contains("load_plugins: [container, ipfeed]\n"), "\(lines.output)")
  }
}
