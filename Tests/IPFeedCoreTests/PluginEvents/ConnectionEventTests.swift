import Foundation
import IPFeedCore
import Testing

@Suite struct ConnectionEventTests {
  private static func little<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
    (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }

  private static func event(type: UInt16, _ parameters: [[UInt8]]) -> [UInt8] {
    let length = 26 + 2 * parameters.count + parameters.reduce(0) { $0 + $1.count }
    var bytes = little(UInt64(1)) + little(UInt64(2)) + little(UInt32(length)) + little(type)
    bytes += little(UInt32(parameters.count))
    for parameter in parameters { bytes += little(UInt16(parameter.count)) }
    return bytes + parameters.flatMap { $0 }
  }

  private static let tuple4: [UInt8] =
    [2, 198, 18, 0, 1] + little(UInt16(58850)) + [198, 18, 0, 2] + little(UInt16(8080))

  private static func connect(_ result: Int64, _ tuple: [UInt8]) -> [UInt8] {
    event(type: 23, [little(UInt64(bitPattern: result)), tuple, little(UInt64(3)), [2, 0]])
  }

  private func decode(_ bytes: [UInt8]) -> ConnectionEvent? {
    ConnectionEvent(decoding: bytes.span)
  }

  @Test func ipv4Connect() {
    let decoded = decode(Self.connect(0, Self.tuple4))
    #expect(
      decoded
        == ConnectionEvent(
          kind: .connect,
          tuple: ConnectionTuple(
            client: IPAddress("198.18.0.1")!, clientPort: 58850, server: IPAddress("198.18.0.2")!,
            serverPort: 8080)))
    #expect(decoded?.remote == IPAddress("198.18.0.2"))
    #expect(decoded?.local == IPAddress("198.18.0.1"))
  }

  @Test func connectResults() {
    #expect(decode(Self.connect(-115, Self.tuple4)) != nil)  // EINPROGRESS
    #expect(decode(Self.connect(-111, Self.tuple4)) == nil)  // ECONNREFUSED
    #expect(decode(Self.connect(0, [])) == nil)
  }

  @Test func ipv6AcceptAndMapped() {
    let client = [UInt8](repeating: 0, count: 10) + [0xff, 0xff, 10, 0, 0, 1]
    let server: [UInt8] = [0x20, 0x01, 0x0d, 0xb8] + [UInt8](repeating: 0, count: 11) + [7]
    let tuple = [10] + client + Self.little(UInt16(1)) + server + Self.little(UInt16(2))
    let accept4 = Self.event(
      type: 389, [Self.little(UInt64(4)), tuple, [0], Self.little(UInt32(0))])
    let decoded = decode(accept4)
    #expect(decoded?.kind == .accept)
    #expect(decoded?.tuple.client == IPAddress("10.0.0.1"))  // IPv4-mapped becomes IPv4
    #expect(decoded?.remote == IPAddress("10.0.0.1"))
    #expect(decoded?.tuple.server == IPAddress("2001:db8::7"))
    #expect(decode(Self.event(type: 247, [Self.little(UInt64(4)), tuple]))?.kind == .accept)
  }

  @Test func otherTypesAndFamilies() {
    #expect(decode(Self.event(type: 22, [Self.tuple4, [0]])) == nil)
    let unix: [UInt8] = [1] + [UInt8](repeating: 0, count: 16) + Array("/tmp/s".utf8) + [0]
    #expect(decode(Self.connect(0, unix)) == nil)
    #expect(decode(Self.connect(0, Array(Self.tuple4.dropLast()))) == nil)
  }

  @Test func liveCapture() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Fixtures/falco-events/live-connect-accept.bin").path
    let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var events: [[UInt8]] = []
    var offset = 0
    while offset + 4 <= data.count {
      let length = (0..<4).reduce(0) { $0 | Int(data[offset + $1]) << (8 * $1) }
      events.append(Array(data[offset + 4..<offset + 4 + length]))
      offset += 4 + length
    }
    let decoded = events.map(decode)
    #expect(
      decoded.map { $0 == nil } == [
        false, false, false, false, false, false, false, false, true, false, true,
      ])
    #expect(decoded[4]?.tuple.client == IPAddress("fd00:ff::1"))
    #expect(decoded[4]?.tuple.clientPort == 57664)
    #expect(decoded[6]?.tuple.server == IPAddress("198.18.0.2"))
    #expect(decoded[9]?.tuple.serverPort == 53)
  }

  /// Every prefix, and every single-byte change, of a valid event decodes or yields nil: no
  /// crash, whatever the lengths say.
  @Test func damagedEventsNeverCrash() {
    let good = Self.connect(0, Self.tuple4)
    for length in 0...good.count {
      _ = decode(Array(good.prefix(length)))
    }
    for index in good.indices {
      for value in [0x00, 0x01, 0x7f, 0x80, 0xff] as [UInt8] {
        var damaged = good
        damaged[index] = value
        _ = decode(damaged)
      }
    }
    #expect(decode(good) != nil)
  }
}
