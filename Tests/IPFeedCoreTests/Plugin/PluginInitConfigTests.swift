import IPFeedCore
import Testing

@Suite struct PluginInitConfigTests {
  @Test func defaultsWithoutConfig() throws {
    #expect(try PluginInitConfig(parsing: "") == PluginInitConfig())
    #expect(try PluginInitConfig(parsing: " {} \n") == PluginInitConfig())
    #expect(PluginInitConfig().dataPath == "/var/lib/falco-ipfeed/falco-ipfeed.bin")
    #expect(PluginInitConfig().statusPath == nil)
  }

  @Test func bothKeys() throws {
    let config = try PluginInitConfig(
      parsing: #"{"data_path":"/srv/x.bin","status_path":"/var/lib/falco-ipfeed/s.json"}"#)
    #expect(
      config == PluginInitConfig(dataPath: "/srv/x.bin", statusPath: "/var/lib/falco-ipfeed/s.json")
    )
    #expect(try PluginInitConfig(parsing: #"{"status_path":""}"#).statusPath == nil)
  }

  @Test func errorsNameTheKeyAndTheFix() {
    #expect(throws: PluginInitConfigError.unknownKey("datapath")) {
      try PluginInitConfig(parsing: #"{"datapath":"/x"}"#)
    }
    #expect(throws: PluginInitConfigError.notAString(key: "data_path", type: "integer")) {
      try PluginInitConfig(parsing: #"{"data_path":1}"#)
    }
    #expect(throws: PluginInitConfigError.notAbsolute(key: "status_path", value: "s.json")) {
      try PluginInitConfig(parsing: #"{"status_path":"s.json"}"#)
    }
    let message = PluginInitConfigError.notAbsolute(key: "data_path", value: "x").description
    #expect(
      message.contains("data_path") && message.contains("/var/lib/falco-ipfeed/falco-ipfeed.bin"))
  }
}
