import FuzzSupport
import IPFeedCore

/// The plugin's decoding of raw scap events. The first input byte picks the mode:
/// - even: the rest is one raw event, as Falco could hand it over (any length, any header);
/// - odd: the rest builds an event the way libscap lays it out (header, parameter lengths,
///   parameters), with the type, the parameter count, every length and the tuple taken from the
///   input, so that the fuzzer reaches well-formed and almost well-formed events quickly; the
///   decoder must then find exactly the tuple that was written, or nothing when the event is not
///   a successful connect or an accept with an internet tuple.
/// Either way, bytes after the header's `len` change nothing, and a cut before `len` is nil.
enum PluginEventHarness {
  static func check(_ bytes: [UInt8]) {
    guard let mode = bytes.first else { return }
    let rest = Array(bytes.dropFirst())
    if mode & 1 == 0 {
      checkRaw(rest)
    } else {
      checkBuilt(rest)
    }
  }

  private static func checkRaw(_ event: [UInt8]) {
    let decoded = ConnectionEvent(decoding: event.span)
    guard let decoded, event.count >= 20 else { return }
    let length = Int(event[16]) | Int(event[17]) << 8 | Int(event[18]) << 16 | Int(event[19]) << 24
    fuzzRequire(length <= event.count, "decoded an event longer than its bytes")
    fuzzRequire(
      ConnectionEvent(decoding: event.span.extracting(0..<length)) == decoded,
      "the bytes after len changed the decoding")
    if length > 0 {
      fuzzRequire(
        ConnectionEvent(decoding: event.span.extracting(0..<(length - 1))) == nil,
        "an event cut before its len decoded")
    }
    AddressProperties.checkCanonical(decoded.tuple.client)
    AddressProperties.checkCanonical(decoded.tuple.server)
  }

  private static func checkBuilt(_ input: [UInt8]) {
    var reader = ByteReader(input)
    let types = ConnectionEvent.eventTypes + [ConnectionEvent.connectExit &- 1, 0xFFFF]
    let type = types[Int(reader.byte()) % types.count]
    let parameterCount = Int(reader.byte() % 6)
    let familyChoice = reader.byte()
    let family: UInt8 = familyChoice % 4 == 0 ? reader.byte() : (familyChoice & 1 == 0 ? 2 : 10)
    let addressBytes = family == 10 ? 16 : 4
    var tuple = [family]
    for _ in 0..<2 {
      for _ in 0..<addressBytes { tuple.append(reader.byte()) }
      tuple.append(reader.byte())
      tuple.append(reader.byte())
    }
    let results: [Int64] = [0, -115, -111, 1, Int64(reader.byte())]
    let result = results[Int(reader.byte()) % results.count]
    var parameters: [[UInt8]] = []
    for index in 0..<parameterCount {
      switch index {
      case 0 where type == ConnectionEvent.connectExit:
        parameters.append((0..<8).map { UInt8(truncatingIfNeeded: result >> (8 * $0)) })
      case 0: parameters.append((0..<8).map { _ in reader.byte() })
      case 1: parameters.append(tuple)
      default: parameters.append((0..<Int(reader.byte() % 24)).map { _ in reader.byte() })
      }
    }
    // Lengths as written, or one of them lying when the input says so.
    var lengths = parameters.map { UInt16($0.count) }
    let lie = reader.byte()
    if lie & 0x80 != 0, !lengths.isEmpty {
      lengths[Int(lie) % lengths.count] &+= UInt16(lie & 0x0F) &+ 1
    }
    var event: [UInt8] = []
    append(UInt64(0x1234), to: &event)  // ts
    append(UInt64(42), to: &event)  // tid
    let length = 26 + 2 * parameterCount + parameters.reduce(0) { $0 + $1.count }
    append(UInt32(length), to: &event)
    append(type, to: &event)
    append(UInt32(parameterCount), to: &event)
    for value in lengths { append(value, to: &event) }
    for parameter in parameters { event += parameter }
    event += reader.remaining  // what follows the event in Falco's buffer

    let decoded = ConnectionEvent(decoding: event.span)
    let honest = lie & 0x80 == 0 || lengths.isEmpty
    let isConnect = type == ConnectionEvent.connectExit
    let isAccept = type == ConnectionEvent.acceptExit || type == ConnectionEvent.accept4Exit
    let succeeded = !isConnect || result == 0 || result == -115
    let internet = (family == 2 && tuple.count == 13) || (family == 10 && tuple.count == 37)
    if !honest {
      // Lengths that add up to more than the event holds: the decoder must not read past it.
      fuzzRequire(decoded == nil, "decoded an event whose parameter lengths lie: \(event)")
    } else if isConnect || isAccept, parameterCount >= 2, succeeded, internet {
      guard let decoded else {
        fuzzRequire(false, "a well-formed event did not decode: \(event)")
        return
      }
      fuzzRequire(decoded.kind == (isConnect ? .connect : .accept), "wrong kind")
      let expected = expectedTuple(tuple)
      fuzzRequire(decoded.tuple == expected, "decoded \(decoded.tuple), wrote \(expected)")
    } else {
      fuzzRequire(decoded == nil, "decoded an event that is not a connection: \(event)")
    }
    checkRaw(event)
  }

  /// The tuple as written: addresses in network order, ports little-endian.
  private static func expectedTuple(_ tuple: [UInt8]) -> ConnectionTuple {
    func address(_ bytes: ArraySlice<UInt8>) -> IPAddress {
      let value = bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
      return bytes.count == 4
        ? .v4(UInt32(value))
        : IPAddress(
          IPAddress.v6(high: UInt64(value >> 64), low: UInt64(truncatingIfNeeded: value))
            .description)!
    }
    func port(_ at: Int) -> UInt16 { UInt16(tuple[at]) | UInt16(tuple[at + 1]) << 8 }
    let size = tuple[0] == 2 ? 4 : 16
    return ConnectionTuple(
      client: address(tuple[1..<(1 + size)]), clientPort: port(1 + size),
      server: address(tuple[(3 + size)..<(3 + 2 * size)]), serverPort: port(3 + 2 * size))
  }

  private static func append<Value: FixedWidthInteger>(_ value: Value, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: Value.bitWidth, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }
}
