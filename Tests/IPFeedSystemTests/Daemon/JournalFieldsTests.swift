import IPFeedSystem
import Logging
import Testing

@Suite struct JournalFieldsTests {
  @Test func mapsMessageLevelCodeLocationAndMetadata() {
    let fields = JournalFields.fields(
      message: "list applied", level: .notice,
      metadata: ["message_id": "7d0326c99071454080cae160177ef00d", "added": "3", "sha256": "ab"],
      file: "Sources/X.swift", line: 42, function: "run()")
    let byName = Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
    #expect(byName["MESSAGE"] == "list applied (added=3 sha256=ab)")
    #expect(byName["PRIORITY"] == "5")
    #expect(byName["SYSLOG_IDENTIFIER"] == "falco-ipfeed")
    #expect(byName["CODE_FILE"] == "Sources/X.swift")
    #expect(byName["CODE_LINE"] == "42")
    #expect(byName["CODE_FUNC"] == "run()")
    #expect(byName["MESSAGE_ID"] == "7d0326c99071454080cae160177ef00d")
    #expect(byName["IPFEED_ADDED"] == "3")
    #expect(byName["IPFEED_SHA256"] == "ab")
    #expect(byName["IPFEED_MESSAGE_ID"] == nil)
  }

  @Test(arguments: [
    (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3),
    (.critical, 2),
  ])
  func priorities(level: Logger.Level, priority: Int) {
    #expect(JournalFields.priority(level) == priority)
  }

  @Test(arguments: [
    ("source", "IPFEED_SOURCE"), ("http-status", "IPFEED_HTTP_STATUS"),
    ("a.b c", "IPFEED_A_B_C"), ("", nil),
  ])
  func fieldNames(key: String, name: String?) {
    #expect(JournalFields.fieldName(key) == name)
  }

  @Test func longKeysAreCutTo64() {
    #expect(JournalFields.fieldName(String(repeating: "k", count: 100))?.count == 64)
  }
}
