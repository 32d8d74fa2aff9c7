import Foundation
import Testing

/// `falco-ipfeed history` end to end.
@Suite struct HistoryCommandTests {
  let fixture: OnceFixture

  init() throws {
    fixture = try OnceFixture()
  }

  @Test func emptyBeforeTheFirstChange() throws {
    let run = try fixture.run("history")
    #expect(run.status == 0)
    #expect(run.output == "no change recorded yet\n")
    let json = try jsonObject(try fixture.run("history", ["--json"]).output)
    #expect((json["changes"] as? [Any])?.isEmpty == true)
  }

  @Test func changesNewestFirstWithCountsDigestAndSources() throws {
    try fixture.writeFeed([("1.1.1.1", 3), ("2.2.2.2", 3), ("3.3.3.3", 3)])
    let first = try fixture.once()
    #expect(first.output.hasPrefix("applied: 3 addresses (+3 −0)"))
    #expect(first.output.contains("(change 1)"))
    try fixture.writeFeed([("2.2.2.2", 3), ("3.3.3.3", 3), ("4.4.4.4", 3), ("5.5.5.5", 3)])
    let second = try fixture.once()
    #expect(second.output.contains("(change 2)"))
    _ = try fixture.once()  // unchanged: no change recorded

    let text = try fixture.run("history")
    let lines = text.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("CHANGE  TIME"))
    #expect(lines[1].contains("+2"))
    #expect(lines[1].contains("−1"))
    #expect(lines[1].contains("ipsum (new body)"))
    #expect(lines[1].hasPrefix("     2  "))
    #expect(lines[2].hasPrefix("     1  "))

    let json = try jsonObject(try fixture.run("history", ["--json"]).output)
    let changes = try #require(json["changes"] as? [[String: Any]])
    #expect(changes.map { $0["id"] as? Int } == [2, 1])
    #expect(changes.map { $0["added"] as? Int } == [2, 3])
    #expect(changes.map { $0["removed"] as? Int } == [1, 0])
    #expect(changes.map { $0["total"] as? Int } == [4, 3])
    #expect(
      Set(changes[0].keys) == [
        "id", "time", "added", "removed", "total", "sha256", "forced", "sources",
      ])
    let status = try fixture.status()
    #expect(
      changes[0]["sha256"] as? String == (status["output"] as? [String: Any])?["sha256"] as? String)
    let source = try #require((changes[0]["sources"] as? [[String: Any]])?.first)
    #expect(source["name"] as? String == "ipsum")
    #expect(source["body"] as? String == "downloaded")
    #expect(source["entries"] as? Int == 4)
    #expect(
      Set(source.keys) == [
        "name", "url", "body", "etag", "last_modified", "body_bytes", "entries",
      ])

    let limited = try jsonObject(try fixture.run("history", ["--json", "--limit", "1"]).output)
    #expect((limited["changes"] as? [Any])?.count == 1)
    #expect(try fixture.run("history", ["--limit", "0"]).status == 64)
  }
}
