import Foundation
import Testing

/// `falco-ipfeed lookup ADDRESS` end to end, after two changes.
@Suite struct LookupCommandTests {
  let fixture: OnceFixture

  init() throws {
    fixture = try OnceFixture()
    try fixture.writeFeed([
      ("1.1.1.1", 3), ("2.2.2.2", 4), ("2001:4860:4860::8888", 5), ("5.5.5.5", 2),
    ])
    #expect(try fixture.once().status == 0)
    try fixture.writeFeed([("2.2.2.2", 7), ("2001:4860:4860::8888", 5), ("9.9.9.9", 1)])
    #expect(try fixture.once().status == 0)
  }

  private func lookup(_ address: String) throws -> (CommandRun, [String: Any]) {
    let text = try fixture.run("lookup", [address])
    let json = try fixture.run("lookup", ["--json", address])
    #expect(json.status == text.status)
    return (text, try jsonObject(json.output))
  }

  @Test func aListedAddressWithItsScoreSourceAndHistory() throws {
    let (text, json) = try lookup("2.2.2.2")
    #expect(text.status == 0)
    #expect(text.output.hasPrefix("2.2.2.2: LISTED, score 7 from ipsum, since "))
    #expect(text.output.contains("(change 1)"))
    #expect(json["listed"] as? Bool == true)
    #expect(json["score"] as? Int == 7)
    #expect(json["source"] as? String == "ipsum")
    #expect(json["listed_since_change"] as? Int == 1)
    let events = try #require(json["events"] as? [[String: Any]])
    #expect(events.map { $0["event"] as? String } == ["added"])
    #expect(events.map { $0["score"] as? Int } == [4])
    #expect(
      Set(json.keys) == [
        "query", "address", "listed", "score", "source", "listed_since", "listed_since_change",
        "excluded_by", "history_days", "events",
      ])
    #expect(Set(events[0].keys) == ["change_id", "time", "event", "score", "source"])
  }

  @Test func aRemovedAddressGivenInAnotherFormShowsBothEvents() throws {
    let (text, json) = try lookup("::ffff:1.1.1.1")
    #expect(text.status == 1)
    #expect(text.output.hasPrefix("1.1.1.1 (written ::ffff:1.1.1.1): not listed"))
    #expect(json["address"] as? String == "1.1.1.1")
    #expect(json["query"] as? String == "::ffff:1.1.1.1")
    #expect(json["listed"] as? Bool == false)
    #expect(json["score"] is NSNull)
    let events = try #require(json["events"] as? [[String: Any]])
    #expect(events.map { $0["change_id"] as? Int } == [2, 1])
    #expect(events.map { $0["event"] as? String } == ["removed", "added"])
    #expect(text.output.contains("change 2  removed  score 3  ipsum"))
    #expect(text.output.contains("change 1  added    score 3  ipsum"))
  }

  @Test func anUppercaseNonCanonicalIPv6AddressIsFound() throws {
    let (text, json) = try lookup("2001:4860:4860:0:0:0:0:8888".uppercased())
    #expect(text.status == 0)
    #expect(json["address"] as? String == "2001:4860:4860::8888")
    #expect(json["score"] as? Int == 5)
  }

  @Test func anAddressAddedByTheSecondChange() throws {
    let (text, json) = try lookup("9.9.9.9")
    #expect(text.status == 0)
    #expect(json["listed_since_change"] as? Int == 2)
  }

  @Test func aNeverListedAddressExits1() throws {
    let (text, json) = try lookup("8.8.4.4")
    #expect(text.status == 1)
    #expect(text.output.contains("8.8.4.4: not listed"))
    #expect(text.output.contains("never added or removed in the 180 days kept"))
    #expect((json["events"] as? [Any])?.isEmpty == true)
    #expect(json["excluded_by"] is NSNull)
  }

  @Test func anExcludedAddressSaysWhy() throws {
    let (text, json) = try lookup("10.1.2.3")
    #expect(text.status == 1)
    #expect(text.output.contains("never listed: 10.0.0.0/8 is always excluded"))
    #expect((json["excluded_by"] as? [String: Any])?["prefix"] as? String == "10.0.0.0/8")
  }

  @Test func notAnAddressExits64() throws {
    for bad in ["1.2.3", "1.2.3.4/32", "example.com", "01.2.3.4"] {
      let run = try fixture.run("lookup", [bad])
      #expect(run.status == 64, "\(bad)")
      #expect(run.error.contains("is not an IP address"), "\(bad)")
    }
  }

  /// A journal that cannot be read is no answer: not 1 ("not listed") but 74, for every reader.
  @Test func anUnreadableJournalIsNotANotListed() throws {
    let database = fixture.stateDirectory + "/state.sqlite"
    for suffix in ["", "-wal", "-shm"] { unlink(database + suffix) }
    try Data(String(repeating: "not a database\n", count: 400).utf8)
      .write(to: URL(fileURLWithPath: database))
    for (command, extra) in [
      ("lookup", ["2.2.2.2"]), ("lookup", ["--json", "9.9.9.9"]),
      ("status", []), ("history", []),
    ] {
      let run = try fixture.run(command, extra)
      #expect(run.status == 74, "\(command) \(extra): \(run.output)\(run.error)")
      #expect(run.error.contains("damaged"), "\(run.error)")
      #expect(run.output.isEmpty)
    }
  }
}
