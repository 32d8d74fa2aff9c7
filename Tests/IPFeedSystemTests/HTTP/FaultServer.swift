import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP/1.1 server on 127.0.0.1 for what nginx cannot do: each path has one scripted
/// reply, which may be slow, cut short, reset, or simply wrong. One request per connection
/// (`Connection: close`); each connection is served on its own thread.
final class FaultServer: Sendable {
  /// How the reply's body is sent.
  enum Pace: Sendable {
    /// All at once.
    case all
    /// `bytes` at a time, one piece every `every`, until the body is sent, the client goes
    /// away, or the server stops.
    case trickle(bytes: Int, every: Duration)
  }

  /// How the connection ends once the body is sent.
  enum Ending: Sendable {
    /// An orderly close (FIN): short of the announced Content-Length, a truncated body.
    case close
    /// SO_LINGER 0, then close: the peer sees a connection reset (RST).
    case reset
  }

  struct Reply: Sendable {
    var status: Int
    var reason: String
    /// "Name: value" lines; Content-Length and Connection are added.
    var headers: [String] = []
    var body: [UInt8] = []
    /// The Content-Length announced: the body's size unless set.
    var contentLength: Int?
    /// Whether to send Content-Length at all; without it the body ends when the connection
    /// closes.
    var announcesLength = true
    var pace: Pace = .all
    var ending: Ending = .close

    static func redirect(to location: String) -> Reply {
      Reply(status: 302, reason: "Found", headers: ["Location: \(location)"])
    }
  }

  /// A request as received.
  struct Request: Sendable {
    var path: String
    /// Header fields by lowercased name.
    var headers: [String: String]
  }

  let port: Int
  var baseURL: String { "http://127.0.0.1:\(port)" }

  private let listener: Int32
  private let respond: @Sendable (Request) -> Reply
  private let stopped = Atomic<Bool>(false)
  private let received = Mutex<[Request]>([])

  /// Listens on `port` (0: one the OS chooses) and serves `replies` (by path, without the
  /// query) until `stop()`; other paths get a 404.
  convenience init(_ replies: [String: Reply], port: Int = 0) throws {
    try self.init(port: port) { request in
      replies[request.path]
        ?? Reply(status: 404, reason: "Not Found", body: Array("no such path\n".utf8))
    }
  }

  /// Listens on `port` (0: one the OS chooses) and answers each request with what `respond`
  /// returns for it, until `stop()`: for replies that change from one request to the next.
  init(port: Int = 0, respond: @escaping @Sendable (Request) -> Reply) throws {
    self.respond = respond
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestServerError("socket() failed: errno \(errno)") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = LoopbackPort.loopback(port: port)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard bound == 0, named == 0, listen(fd, 64) == 0 else {
      close(fd)
      throw TestServerError("could not listen on 127.0.0.1: errno \(errno)")
    }
    listener = fd
    self.port = Int(UInt16(bigEndian: address.sin_port))
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  deinit {
    stop()
  }

  /// Stops accepting; replies in progress end at their next piece.
  func stop() {
    guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
    shutdown(listener, Int32(SHUT_RDWR))  // wakes the blocked accept()
    close(listener)
  }

  /// The requests received so far, oldest first.
  var requests: [Request] {
    received.withLock { $0 }
  }

  /// Waits up to `timeout` until `count` requests have come in.
  func waitForRequests(_ count: Int, within timeout: Duration = .seconds(20)) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if requests.count >= count { return true }
      usleep(20_000)
    }
    return false
  }

  private func acceptLoop() {
    while !stopped.load(ordering: .acquiring) {
      let connection = accept(listener, nil, nil)
      guard connection >= 0 else {
        if errno == EINTR { continue }
        return
      }
      let thread = Thread { [self] in serve(connection) }
      thread.start()
    }
  }

  private func serve(_ connection: Int32) {
    var ending = Ending.close
    defer {
      if ending == .reset {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(
          connection, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
      }
      close(connection)
    }
    guard let request = readRequest(connection) else { return }
    received.withLock { $0.append(request) }
    let reply = respond(request)
    ending = reply.ending

    var head = "HTTP/1.1 \(reply.status) \(reply.reason)\r\n"
    for line in reply.headers {
      head += line + "\r\n"
    }
    if reply.announcesLength {
      head += "Content-Length: \(reply.contentLength ?? reply.body.count)\r\n"
    }
    head += "Connection: close\r\n\r\n"
    guard send(connection, Array(head.utf8)) else { return }

    switch reply.pace {
    case .all:
      guard send(connection, reply.body) else { return }
    case .trickle(let bytes, let every):
      var offset = 0
      while offset < reply.body.count, !stopped.load(ordering: .acquiring) {
        let end = min(offset + bytes, reply.body.count)
        guard send(connection, Array(reply.body[offset..<end])) else { return }
        offset = end
        Thread.sleep(
          forTimeInterval: Double(every.components.attoseconds) / 1e18
            + Double(every.components.seconds))
      }
    }
    if reply.ending == .reset {
      // Let the client read what was sent, so the reset comes mid-body.
      Thread.sleep(forTimeInterval: 0.2)
    }
  }

  /// Reads the request head; nil when the client went away first.
  private func readRequest(_ connection: Int32) -> Request? {
    var data: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    let end = Array("\r\n\r\n".utf8)
    while !data.ends(with: end) && data.count < 65_536 {
      let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return nil }
      data += buffer[0..<count]
      if let range = data.firstRange(of: end) {
        data = Array(data[..<range.upperBound])
        break
      }
    }
    let lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n")
    let target = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? "/"
    var headers: [String: String] = [:]
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] =
        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let path = String(target.prefix { $0 != "?" })
    return Request(path: path, headers: headers)
  }

  /// Sends all of `bytes`; false when the client went away.
  private func send(_ connection: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      guard sent > 0 else { return false }
      offset += sent
    }
    return true
  }
}

extension Array where Element == UInt8 {
  fileprivate func ends(with suffix: [UInt8]) -> Bool {
    count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
  }
}
