/// A connect, accept or accept4 exit event with an internet socket tuple, decoded from the raw
/// event that Falco hands to a plugin.
///
/// The raw event is the libscap layout: a packed 26-byte header (`ts` u64, `tid` u64, `len` u32,
/// `type` u16, `nparams` u32, little-endian), `nparams` u16 parameter lengths, then the
/// parameters back to back. The socket tuple is parameter 1 of these three exit events: a family
/// byte, then client address and port, server address and port (addresses in network order,
/// ports little-endian). Decoding checks every length against the bytes there are: a truncated
/// event, a length that lies, another event type or family yields nil, never a crash.
public struct ConnectionEvent: Sendable, Hashable {
  public enum Kind: Sendable, Hashable {
    /// This host connected out: the server end is the remote one.
    case connect
    /// This host accepted a connection: the client end is the remote one.
    case accept
  }

  public var kind: Kind
  public var tuple: ConnectionTuple

  /// The other host's end: the server for a connect, the client for an accept.
  public var remote: IPAddress { kind == .connect ? tuple.server : tuple.client }
  /// This host's end.
  public var local: IPAddress { kind == .connect ? tuple.client : tuple.server }

  public init(kind: Kind, tuple: ConnectionTuple) {
    self.kind = kind
    self.tuple = tuple
  }

  /// Event type codes (libscap's event table): connect exit, accept exit (`PPME_SOCKET_ACCEPT_5_X`),
  /// accept4 exit (`PPME_SOCKET_ACCEPT4_6_X`).
  public static let connectExit: UInt16 = 23
  public static let acceptExit: UInt16 = 247
  public static let accept4Exit: UInt16 = 389
  public static let eventTypes: [UInt16] = [connectExit, acceptExit, accept4Exit]

  static let headerSize = 26
  static let familyIPv4: UInt8 = 2
  static let familyIPv6: UInt8 = 10
  static let einprogress: Int64 = -115

  /// Decodes `event`; nil for anything that is not one of the three exit events with an IPv4 or
  /// IPv6 tuple. Parameter lengths must add up within the header's `len`, and `len` within the
  /// bytes given.
  public init?(decoding event: Span<UInt8>) {
    guard event.count >= Self.headerSize else { return nil }
    let length = Int(event.littleEndian(at: 16) as UInt32)
    let type: UInt16 = event.littleEndian(at: 20)
    let parameterCount = Int(event.littleEndian(at: 22) as UInt32)
    guard length >= Self.headerSize, length <= event.count else { return nil }
    let kind: Kind
    switch type {
    case Self.connectExit: kind = .connect
    case Self.acceptExit, Self.accept4Exit: kind = .accept
    default: return nil
    }
    guard parameterCount >= 2, parameterCount <= (length - Self.headerSize) / 2 else { return nil }

    // Every parameter must lie inside the event: a length that lies makes the event unreadable.
    var offset = Self.headerSize + 2 * parameterCount
    var resultLength = 0
    var tupleStart = 0
    var tupleLength = 0
    for index in 0..<parameterCount {
      let parameterLength = Int(event.littleEndian(at: Self.headerSize + 2 * index) as UInt16)
      guard offset + parameterLength <= length else { return nil }
      if index == 0 { resultLength = parameterLength }
      if index == 1 {
        tupleStart = offset
        tupleLength = parameterLength
      }
      offset += parameterLength
    }

    if kind == .connect {
      // The kernel fills the tuple only for a connect that succeeded or is in progress.
      guard resultLength == 8 else { return nil }
      let result = Int64(bitPattern: event.littleEndian(at: Self.headerSize + 2 * parameterCount))
      guard result == 0 || result == Self.einprogress else { return nil }
    }
    guard let tuple = Self.tuple(event, at: tupleStart, length: tupleLength) else { return nil }
    self.init(kind: kind, tuple: tuple)
  }

  private static func tuple(_ event: Span<UInt8>, at start: Int, length: Int) -> ConnectionTuple? {
    guard length > 0 else { return nil }
    switch event[start] {
    case familyIPv4 where length == 13:
      return ConnectionTuple(
        client: .v4(event.bigEndian(at: start + 1)), clientPort: event.littleEndian(at: start + 5),
        server: .v4(event.bigEndian(at: start + 7)), serverPort: event.littleEndian(at: start + 11))
    case familyIPv6 where length == 37:
      return ConnectionTuple(
        client: IPAddress(v6: event.bigEndian(at: start + 1)),
        clientPort: event.littleEndian(at: start + 17),
        server: IPAddress(v6: event.bigEndian(at: start + 19)),
        serverPort: event.littleEndian(at: start + 35))
    default:
      return nil
    }
  }
}
