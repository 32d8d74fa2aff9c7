import Foundation
import Testing

/// `falco-ipfeed status` end to end.
@Suite struct StatusCommandTests {
  let fixture: OnceFixture

  init() throws {
    fixture = try OnceFixture()
  }

  @Test func beforeAnyCycleItSaysSoAndCreatesNothing() throws {
    let run = try fixture.run("status")
    #expect(run.status == 0, "\(run.error)")
    #expect(run.output.contains("none yet: no cycle has run"))
    #expect(run.output.contains("not written yet"))
    #expect(!FileManager.default.fileExists(atPath: fixture.stateDirectory))
    let json = try fixture.status()
    #expect(json["initialized"] as? Bool == false)
    #expect(json["stale"] as? Bool == true)
  }

  @Test func afterACycleTextAndJSONDescribeTheListTheFileAndTheSource() throws {
    try fixture.writeFeed([("1.1.1.1", 3), ("2.2.2.2", 3)])
    #expect(try fixture.once().status == 0)
    let text = try fixture.run("status")
    #expect(text.status == 0)
    #expect(text.output.contains("2 addresses; last change 1 at "))
    #expect(text.output.contains("(+2 −0)"))
    #expect(text.output.contains("\(fixture.outputPath): matches the state journal"))
    #expect(text.output.contains(": applied"))
    #expect(text.output.contains("source ipsum"))
    #expect(text.output.contains("  url                   file://\(fixture.feedPath)"))
    #expect(text.output.contains("  consecutive failures  0"))
    // Times in UTC ISO 8601 with a Z.
    #expect(
      text.output.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, options: .regularExpression) != nil
    )

    let json = try fixture.status()
    #expect(json["initialized"] as? Bool == true)
    #expect(json["total"] as? Int == 2)
    #expect(json["stale"] as? Bool == false)
    #expect(json["stale_after_seconds"] as? Int == 2 * 6 * 3_600 + 600)
    let output = try #require(json["output"] as? [String: Any])
    #expect(output["state"] as? String == "matches")
    #expect(output["sha256"] as? String == output["journal_sha256"] as? String)
    #expect((output["sha256"] as? String)?.count == 64)
    let change = try #require(json["last_change"] as? [String: Any])
    #expect(change["id"] as? Int == 1)
    #expect(change["added"] as? Int == 2)
    let cycle = try #require(json["last_cycle"] as? [String: Any])
    #expect(cycle["outcome"] as? String == "applied")
    let sources = try #require(json["sources"] as? [[String: Any]])
    #expect(sources.count == 1)
    let source = sources[0]
    #expect(source["name"] as? String == "ipsum")
    #expect(source["last_result"] as? String == "read")
    #expect(source["consecutive_failures"] as? Int == 0)
    #expect(source["entries"] as? Int == 2)
    #expect(source["etag"] is NSNull)
    #expect((source["last_check"] as? String)?.hasSuffix("Z") == true)
    let transfer = try #require(source["transfer"] as? [String: Any])
    #expect(transfer["body_bytes"] as? Int == source["body_bytes"] as? Int)
    // The documented field names, all present.
    #expect(
      Set(json.keys) == [
        "database", "initialized", "total", "last_change", "output", "plugin_mode",
        "last_cycle", "falco_reload_pending", "next_poll", "stale", "stale_after_seconds",
        "last_success", "sources",
      ])
    #expect(json["plugin_mode"] is NSNull)
    #expect(
      Set(source.keys) == [
        "name", "url", "format", "threshold", "etag", "last_modified", "last_check",
        "last_result", "last_success", "last_change", "last_error", "last_error_time",
        "consecutive_failures", "body_bytes", "entries", "stale", "transfer",
      ])
  }

  @Test func aFailingSourceShowsItsErrorAndCount() throws {
    try fixture.writeFeed([("1.1.1.1", 3)])
    #expect(try fixture.once().status == 0)
    try FileManager.default.removeItem(atPath: fixture.feedPath)
    #expect(try fixture.once().status == 1)
    #expect(try fixture.once().status == 1)
    let source = try #require((try fixture.status()["sources"] as? [[String: Any]])?.first)
    #expect(source["last_result"] as? String == "failed")
    #expect(source["consecutive_failures"] as? Int == 2)
    #expect((source["last_error"] as? String)?.contains("no such file") == true)
    let text = try fixture.run("status").output
    #expect(text.contains("  consecutive failures  2"))
  }
}
