import IPFeedCore
import Testing

@Suite struct FlatJSONObjectTests {
  @Test func readsStringsIntegersBooleansNull() throws {
    let object = try FlatJSONObject(
      parsing: #" { "a" : "x\"y\\z\u00e9\ud83d\ude00\n", "b": -42, "c": true, "d": null, "e": 0 } "#
    )
    #expect(object["a"] == .string("x\"y\\zé😀\n"))
    #expect(object["b"] == .integer(-42))
    #expect(object["c"] == .bool(true))
    #expect(object["d"] == .null)
    #expect(object["e"] == .integer(0))
    #expect(try FlatJSONObject(parsing: "{}").members.isEmpty)
  }

  @Test(arguments: [
    "", "[]", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":1} x", "{\"a\":01}",
    "{\"a\":1.5}", "{\"a\":1e3}", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":\"\\x\"}",
    "{\"a\":\"\u{01}\"}", "{\"a\":1,\"a\":2}", "{\"a\":tru}", "{'a':1}",
    "{\"a\":99999999999999999999}", "{\"a\":\"\\ud800\"}",
  ])
  func refusesWhatIsNotAFlatObject(text: String) {
    #expect(throws: FlatJSONError.self) { try FlatJSONObject(parsing: text) }
  }

  @Test func writesWhatItReads() throws {
    let object = FlatJSONObject([
      ("path", .string("/var/lib/x \"y\"\n\u{01}")), ("n", .integer(Int64.min)),
      ("b", .bool(false)),
      ("z", .null),
    ])
    #expect(try FlatJSONObject(parsing: object.text) == object)
  }
}
