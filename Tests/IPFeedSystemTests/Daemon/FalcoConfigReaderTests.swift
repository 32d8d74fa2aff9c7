import IPFeedCore
import IPFeedSystem
import Testing

@Suite struct FalcoConfigReaderTests {
  @Test(arguments: [
    ("watch_config_files: true\n", true as Bool?),
    ("watch_config_files: false\n", false),
    ("rules_files: [/etc/falco/rules.d]\n", nil),
    ("", nil),
  ])
  func watchConfigFiles(yaml: String, watch: Bool?) throws {
    #expect(try FalcoConfigReader.facts(yaml: yaml).watchConfigFiles == watch)
  }

  @Test func rulesFilesListAndOlderSingleKey() throws {
    #expect(
      try FalcoConfigReader.facts(yaml: "rules_files:\n  - /a.yaml\n  - /etc/falco/rules.d\n")
        .rulesPaths == ["/a.yaml", "/etc/falco/rules.d"])
    #expect(try FalcoConfigReader.facts(yaml: "rules_file: /b.yaml\n").rulesPaths == ["/b.yaml"])
  }

  @Test func notABooleanIsAnError() {
    #expect(throws: FalcoConfigReader.ReadError.self) {
      try FalcoConfigReader.facts(yaml: "watch_config_files: sometimes\n")
    }
  }

  @Test func missingFileIsAnError() {
    let error = #expect(throws: FalcoConfigReader.ReadError.self) {
      try FalcoConfigReader.facts(at: "/nonexistent/falco.yaml")
    }
    #expect(error?.description == "no such file")
  }

  @Test func autoDecidesFromTheFile() throws {
    let directory = try TemporaryDirectory()
    let falcoYAML = try directory.write("falco.yaml", "watch_config_files: false\n")
    var config = Config.defaults
    config.falco.config = falcoYAML
    #expect(FalcoReloaders.plan(for: config).action == .restartUnit("falco.service"))
    try directory.write("falco.yaml", "watch_config_files: true\n")
    #expect(FalcoReloaders.plan(for: config).action == .none)
    config.falco.config = directory.file("missing.yaml")
    #expect(FalcoReloaders.plan(for: config).action == .signalUnit("falco.service"))
  }
}
