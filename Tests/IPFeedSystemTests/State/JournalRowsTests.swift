import Foundation
import GRDB
import Testing

/// The journal's address rows, written in batches of many rows a statement and in the order of
/// their text: every address of the feed lands once, with its score, in both the applied list
/// and the change, whatever the count (full batches and a remainder) and the kind of address.
@Suite struct JournalRowsTests {
  /// About 1,300 addresses: IPv4 and IPv6, long IPv6 texts that share their first 16 bytes,
  /// and texts that are prefixes of others. A variant drops some and adds others.
  static func feed(variant: Int) -> [(String, Int)] {
    var lines: [(String, Int)] = []
    for index in 0..<(variant == 0 ? 0 : 150) {
      lines.append(("45.\(index).7.\(variant)", 3))
    }
    for index in 0..<1_000 where variant == 0 || index % 10 != variant {
      lines.append(("23.\(index / 256).\(index % 256).\(1 + index % 200)", 1 + index % 9))
    }
    for index in 0..<300 where variant == 0 || index % 7 != variant {
      lines.append(("2a00:1450:aaaa:bbbb:cccc:dddd:\(String(index, radix: 16)):1", 2 + index % 5))
    }
    lines.append(("8.8.8.8", 9))
    lines.append(("8.8.8.88", 8))
    return lines
  }

  private func rows(_ database: String, _ sql: String) throws -> [String: Int] {
    try DatabaseQueue(path: database).read { db in
      Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ($0[0] as String, $0[1] as Int) }
      )
    }
  }

  @Test func everyAddressIsRecordedOnceWithItsScore() throws {
    let fixture = try OnceFixture(maxRemovedPercent: 100)
    let database = fixture.stateDirectory + "/state.sqlite"
    let first = Self.feed(variant: 0)
    try fixture.writeFeed(first)
    #expect(try fixture.once().status == 0)
    let expected = Dictionary(uniqueKeysWithValues: first)
    #expect(try rows(database, "SELECT address, score FROM applied_address") == expected)
    #expect(
      try rows(database, "SELECT address, score FROM change_address WHERE change_id = 1")
        == expected)

    let second = Self.feed(variant: 3)
    try fixture.writeFeed(second)
    let run = try fixture.once()
    #expect(run.status == 0, "\(run.error)")
    let now = Dictionary(uniqueKeysWithValues: second)
    #expect(try rows(database, "SELECT address, score FROM applied_address") == now)
    let added = now.filter { expected[$0.key] == nil }
    let removed = expected.filter { now[$0.key] == nil }
    #expect(!added.isEmpty && !removed.isEmpty)
    #expect(
      try rows(
        database,
        "SELECT address, score FROM change_address WHERE change_id = 2 AND event = 'added'")
        == added)
    #expect(
      try rows(
        database,
        "SELECT address, score FROM change_address WHERE change_id = 2 AND event = 'removed'")
        == removed)
    #expect(
      run.output.hasPrefix("applied: \(now.count) addresses (+\(added.count) −\(removed.count))"))
    // lookup reads what was written: a long IPv6 address, added then removed.
    let gone = try #require(removed.keys.first { $0.contains(":") })
    let lookup = try fixture.run("lookup", [gone])
    #expect(lookup.status == 1, "\(lookup.output)")
    #expect(lookup.output.contains("removed"), "\(lookup.output)")
  }
}
