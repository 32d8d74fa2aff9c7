import Foundation

/// Raw syscall events in libscap's layout, as Falco hands them to a plugin: a packed 26-byte
/// header (ts, tid, len, type, nparams), u16 parameter lengths, then the parameters.
enum RawEvent {
  static let connectExit: UInt16 = 23
  static let acceptExit: UInt16 = 247
  static let accept4Exit: UInt16 = 389

  static func make(type: UInt16, parameters: [[UInt8]], length: UInt32? = nil) -> [UInt8] {
    let total = 26 + 2 * parameters.count + parameters.reduce(0) { $0 + $1.count }
    var bytes: [UInt8] = []
    bytes += little(UInt64(1_764_590_000_000_000_000))
    bytes += little(UInt64(4242))
    bytes += little(length ?? UInt32(total))
    bytes += little(type)
    bytes += little(UInt32(parameters.count))
    for parameter in parameters { bytes += little(UInt16(parameter.count)) }
    for parameter in parameters { bytes += parameter }
    return bytes
  }

  /// An IPv4 tuple: family 2, client address and port, server address and port.
  static func tuple4(_ client: String, _ clientPort: UInt16, _ server: String, _ serverPort: UInt16)
    -> [UInt8]
  {
    [2] + ipv4(client) + little(clientPort) + ipv4(server) + little(serverPort)
  }

  /// An IPv6 tuple: family 10.
  static func tuple6(_ client: String, _ clientPort: UInt16, _ server: String, _ serverPort: UInt16)
    -> [UInt8]
  {
    [10] + ipv6(client) + little(clientPort) + ipv6(server) + little(serverPort)
  }

  /// A connect exit: res, tuple, fd, address.
  static func connect(result: Int64 = 0, tuple: [UInt8]) -> [UInt8] {
    make(
      type: connectExit,
      parameters: [
        little(UInt64(bitPattern: result)), tuple, little(UInt64(3)), [2, 0, 0, 0, 0, 0, 0],
      ])
  }

  /// An accept4 exit: fd, tuple, queuepct, queuelen, queuemax, flags.
  static func accept4(tuple: [UInt8]) -> [UInt8] {
    make(
      type: accept4Exit,
      parameters: [
        little(UInt64(4)), tuple, [0], little(UInt32(0)), little(UInt32(128)), little(UInt32(0)),
      ])
  }

  /// An accept exit (accept, not accept4): fd, tuple, queuepct, queuelen, queuemax.
  static func accept(tuple: [UInt8]) -> [UInt8] {
    make(
      type: acceptExit,
      parameters: [little(UInt64(4)), tuple, [0], little(UInt32(0)), little(UInt32(128))])
  }

  static func little<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
    (0..<Value.bitWidth / 8).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
  }

  static func ipv4(_ text: String) -> [UInt8] {
    var address = in_addr()
    precondition(inet_pton(AF_INET, text, &address) == 1, "not an IPv4 address: \(text)")
    return withUnsafeBytes(of: &address) { Array($0) }
  }

  static func ipv6(_ text: String) -> [UInt8] {
    var address = in6_addr()
    precondition(inet_pton(AF_INET6, text, &address) == 1, "not an IPv6 address: \(text)")
    return withUnsafeBytes(of: &address) { Array($0) }
  }

  /// The events of a capture file: each a u32 length and that many bytes.
  static func capture(_ path: String) throws -> [[UInt8]] {
    let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var events: [[UInt8]] = []
    var offset = 0
    while offset + 4 <= data.count {
      let length = (0..<4).reduce(0) { $0 | Int(data[offset + $1]) << (8 * $1) }
      offset += 4
      events.append(Array(data[offset..<offset + length]))
      offset += length
    }
    return events
  }
}
