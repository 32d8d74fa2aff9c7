import Foundation
import IPFeedCore
import Testing

/// Extraction through the plugin API, on the real events of a live Falco and on synthetic ones.
@Suite struct PluginExtractionTests {
  /// A plugin with `entries` loaded as generation 9.
  private func plugin(_ entries: [PluginDataEntry]) throws -> PluginHarness {
    let data = try DataFiles.directory() + "/falco-ipfeed.bin"
    try DataFiles.write(generation: 9, entries, to: data)
    let harness = try PluginHarness()
    let result = harness.initialise(DataFiles.config(dataPath: data))
    guard result.rc == 0 else { throw HarnessError(message: result.error) }
    return harness
  }

  /// The listening test host of the live capture, on both families.
  private let servers = [
    DataFiles.entry("198.18.0.2", score: 8, source: "ipsum", since: 1_764_000_000),
    DataFiles.entry("fd00:ff::2", score: 3, source: "local", since: 1_700_000_000),
  ]

  @Test func liveEventsWithTheServersListed() throws {
    let events = try RawEvent.capture(PluginPaths.liveEvents)
    #expect(events.count == 11)
    let harness = try plugin(servers)
    let answers = events.map(harness.extract)
    // Rows of the capture's README: 9 is a refused connect (empty tuple), 11 is AF_UNIX.
    let expected: [String?] = [
      "198.18.0.2", "198.18.0.2", "198.18.0.2", "198.18.0.2", "fd00:ff::2", "fd00:ff::2",
      "198.18.0.2", "198.18.0.2", nil, "198.18.0.2", nil,
    ]
    for (row, (answer, address)) in zip(answers, expected).enumerated() {
      #expect(answer["ipfeed.address"] == address, "row \(row + 1)")
      #expect(answer["ipfeed.listed"] == (address == nil ? nil : "true"), "row \(row + 1)")
      #expect(answer["ipfeed.generation"] == (address == nil ? nil : "9"), "row \(row + 1)")
    }
    #expect(answers[0]["ipfeed.score"] == "8")
    #expect(answers[0]["ipfeed.source"] == "ipsum")
    #expect(answers[0]["ipfeed.since"] == "2025-11-24T16:00:00Z")
    #expect(answers[4]["ipfeed.score"] == "3")
    #expect(answers[4]["ipfeed.source"] == "local")
    #expect(answers[4]["ipfeed.since"] == "2023-11-14T22:13:20Z")
    // Row 7 is an IPv4-mapped IPv6 connect: it matches the IPv4 entry.
    #expect(answers[6]["ipfeed.score"] == "8")
  }

  @Test func liveEventsWithTheClientListed() throws {
    let events = try RawEvent.capture(PluginPaths.liveEvents)
    let harness = try plugin([DataFiles.entry("198.18.0.1", score: 5)])
    let answers = events.map(harness.extract)
    for row in [0, 1, 2, 3, 6, 7, 9] {
      #expect(answers[row]["ipfeed.address"] == "198.18.0.1", "row \(row + 1)")
    }
    for row in [4, 5] {  // IPv6 rows: fd00:ff::1 is not listed
      #expect(answers[row]["ipfeed.listed"] == "false", "row \(row + 1)")
      #expect(answers[row]["ipfeed.address"] == nil, "row \(row + 1)")
    }
  }

  @Test func liveEventsWithNothingListed() throws {
    let events = try RawEvent.capture(PluginPaths.liveEvents)
    let harness = try plugin([DataFiles.entry("192.0.2.99")])
    let answers = events.map(harness.extract)
    for (row, answer) in answers.enumerated() {
      if row == 8 || row == 10 {
        #expect(answer.isEmpty, "row \(row + 1) has no internet tuple")
      } else {
        #expect(answer == ["ipfeed.listed": "false", "ipfeed.generation": "9"], "row \(row + 1)")
      }
    }
  }

  @Test func syntheticEvents() throws {
    let harness = try plugin([
      DataFiles.entry("203.0.113.9", score: 11), DataFiles.entry("2001:db8::7", score: 4),
    ])
    let v4 = RawEvent.tuple4("10.0.0.1", 40000, "203.0.113.9", 443)
    let v6 = RawEvent.tuple6("2001:db8::7", 50000, "2001:db8::1", 22)
    let mapped = RawEvent.tuple6("::ffff:10.0.0.1", 40001, "::ffff:203.0.113.9", 443)

    #expect(harness.extract(RawEvent.connect(tuple: v4))["ipfeed.score"] == "11")
    #expect(harness.extract(RawEvent.connect(result: -115, tuple: v4))["ipfeed.listed"] == "true")
    #expect(harness.extract(RawEvent.accept(tuple: v6))["ipfeed.address"] == "2001:db8::7")
    #expect(harness.extract(RawEvent.accept4(tuple: v6))["ipfeed.score"] == "4")
    #expect(harness.extract(RawEvent.connect(tuple: mapped))["ipfeed.address"] == "203.0.113.9")

    // AF_UNIX, an empty tuple, a failed connect: no value at all.
    let unix: [UInt8] = [1] + [UInt8](repeating: 0xAB, count: 16) + Array("/run/x.sock".utf8) + [0]
    #expect(harness.extract(RawEvent.connect(tuple: unix)).isEmpty)
    #expect(harness.extract(RawEvent.connect(result: -111, tuple: [])).isEmpty)
    #expect(harness.extract(RawEvent.connect(result: -111, tuple: v4)).isEmpty)

    // Another event type (connect enter, 22; close exit, 5): nothing.
    #expect(harness.extract(RawEvent.make(type: 22, parameters: [v4, [0]])).isEmpty)
    #expect(
      harness.extract(RawEvent.make(type: 5, parameters: [[0, 0, 0, 0, 0, 0, 0, 0], v4])).isEmpty)
  }

  @Test func malformedEventsYieldNothing() throws {
    let harness = try plugin([DataFiles.entry("203.0.113.9")])
    let good = RawEvent.connect(tuple: RawEvent.tuple4("10.0.0.1", 40000, "203.0.113.9", 443))
    #expect(harness.extract(good)["ipfeed.listed"] == "true")

    // Truncated: the event ends inside its parameters (its header says so).
    for cut in [1, 8, 20, good.count - 26 - 8] {
      var truncated = Array(good.dropLast(cut))
      let length = RawEvent.little(UInt32(truncated.count))
      truncated.replaceSubrange(16..<20, with: length)
      #expect(harness.extract(truncated).isEmpty, "cut \(cut)")
    }
    // A parameter length that lies: the tuple claims more bytes than the event has.
    var lying = good
    lying.replaceSubrange(28..<30, with: RawEvent.little(UInt16(200)))
    #expect(harness.extract(lying).isEmpty)
    // A tuple whose length does not fit its family (an IPv4 tuple cut to 12 bytes).
    let shortTuple = RawEvent.connect(
      tuple: Array(RawEvent.tuple4("10.0.0.1", 40000, "203.0.113.9", 443).dropLast()))
    #expect(harness.extract(shortTuple).isEmpty)
    // A header whose length is below the header's own size, or a huge parameter count.
    var tiny = good
    tiny.replaceSubrange(16..<20, with: RawEvent.little(UInt32(10)))
    #expect(harness.extract(tiny).isEmpty)
    var many = good
    many.replaceSubrange(22..<26, with: RawEvent.little(UInt32.max))
    #expect(harness.extract(many).isEmpty)
    // Only the header, no parameters.
    #expect(harness.extract(RawEvent.make(type: 23, parameters: [])).isEmpty)
  }
}
