import Foundation
import IPFeedCore
import Testing

/// The plugin as Falco's loader sees it: versions, names, schema, fields, init.
@Suite struct PluginABITests {
  @Test func versionsNamesAndEventFilter() throws {
    let harness = try PluginHarness()
    let info = harness.fields("info")
    #expect(info["api"] == "3.6.0")
    #expect(info["event_schema"] == "4.0.0")
    #expect(info["name"] == "ipfeed")
    #expect(info["version"] == FalcoIPFeedVersion.string)
    #expect(info["sources"] == "[\"syscall\"]")
    #expect(info["types"] == "23,247,389")
    #expect(info["description"]?.isEmpty == false)
  }

  @Test func initSchemaIsJSONSchemaOfTheTwoKeys() throws {
    let harness = try PluginHarness()
    let answer = harness.fields("schema")
    #expect(answer["schema_type"] == "1")  // SS_PLUGIN_SCHEMA_JSON
    let schema = try #require(
      try JSONSerialization.jsonObject(with: Data((answer["schema"] ?? "").utf8)) as? [String: Any])
    #expect(schema["type"] as? String == "object")
    #expect(schema["additionalProperties"] as? Bool == false)
    let properties = try #require(schema["properties"] as? [String: Any])
    #expect(Set(properties.keys) == ["data_path", "status_path"])
  }

  @Test func fieldsAreTheSixDocumentedOnes() throws {
    let harness = try PluginHarness()
    let fields = try #require(
      try JSONSerialization.jsonObject(with: Data(harness.send("fields").utf8))
        as? [[String: Any]])
    #expect(
      fields.map { $0["name"] as? String } == [
        "ipfeed.listed", "ipfeed.address", "ipfeed.score", "ipfeed.source", "ipfeed.since",
        "ipfeed.generation",
      ])
    #expect(
      fields.map { $0["type"] as? String } == [
        "bool", "string", "uint64", "string", "string", "uint64",
      ])
    #expect(fields.allSatisfy { ($0["desc"] as? String)?.isEmpty == false })
  }

  @Test func initWithAGoodConfig() throws {
    let directory = try DataFiles.directory()
    let data = directory + "/falco-ipfeed.bin"
    try DataFiles.write(generation: 3, [DataFiles.entry("203.0.113.9")], to: data)
    let harness = try PluginHarness()
    let result = harness.initialise(DataFiles.config(dataPath: data))
    #expect(result.rc == 0)
    #expect(result.error == "")
    #expect(harness.metric("generation") == 3)
    #expect(harness.metric("entries") == 1)
    harness.send("destroy")
  }

  @Test func initWithoutConfigUsesTheDefaultPath() throws {
    let harness = try PluginHarness()
    #expect(harness.initialise("").rc == 0)
    harness.send("destroy")
    let log = harness.closeAndReadLog()
    // Either loaded or missing; never a failed init.
    #expect(log.contains(PluginInitConfig.defaultDataPath))
  }

  @Test(arguments: [
    ("{\"data_path\":", "not a JSON object"),
    ("[\"/x\"]", "not a JSON object"),
    ("{\"data_path\":\"relative/file.bin\"}", "must be an absolute path"),
    ("{\"data_path\":3}", "must be a string"),
    ("{\"data_pth\":\"/x\"}", "unknown key \"data_pth\""),
    ("{\"data_path\":\"/a\",\"data_path\":\"/b\"}", "appears twice"),
    ("{\"status_path\":{\"nested\":1}}", "not a JSON object"),
  ])
  func initWithABadConfigFails(config: String, message: String) throws {
    let harness = try PluginHarness()
    let result = harness.initialise(config)
    #expect(result.rc == 1)
    #expect(result.error.contains(message), "\(result.error)")
    #expect(result.error.contains("init_config"))
    // The failed state still answers get_last_error (above) and is destroyed cleanly.
    #expect(harness.send("destroy") == "destroyed")
  }

  @Test func missingDataFileIsAnEmptySetAndAWarningThenPickedUp() throws {
    let directory = try DataFiles.directory()
    let data = directory + "/falco-ipfeed.bin"
    let harness = try PluginHarness()
    #expect(harness.initialise(DataFiles.config(dataPath: data)).rc == 0)
    let event = RawEvent.connect(tuple: RawEvent.tuple4("10.0.0.1", 40000, "203.0.113.9", 443))
    #expect(harness.extract(event)["ipfeed.listed"] == "false")
    #expect(harness.metric("entries") == 0)

    try DataFiles.write(generation: 5, [DataFiles.entry("203.0.113.9")], to: data)
    #expect(harness.waitUntil { harness.metric("generation") == 5 })
    #expect(harness.extract(event)["ipfeed.listed"] == "true")
    harness.send("destroy")
    let log = harness.closeAndReadLog()
    #expect(log.contains("severity 4: data file \(data) does not exist yet"))
    #expect(log.contains("loaded generation 5"))
  }
}
