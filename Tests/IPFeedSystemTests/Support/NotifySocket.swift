import Foundation
import Synchronization

/// A unix datagram socket standing in for systemd's notify socket: collects every message a
/// daemon sends with `sd_notify`.
final class NotifySocket: @unchecked Sendable {
  let path: String
  private let fd: Int32
  private let received: MessageLog
  private let thread: Thread?

  init(directory: TemporaryDirectory) throws {
    let socketPath = directory.file("notify.sock")
    path = socketPath
    let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
    fd = descriptor
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      let bytes = Array(socketPath.utf8)
      raw.copyBytes(from: bytes.prefix(raw.count - 1))
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
    setsockopt(
      descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let store = MessageLog()
    let reader = Thread {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while !Thread.current.isCancelled {
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count > 0 {
          let text = String(decoding: buffer[0..<count], as: UTF8.self)
          store.messages.withLock { $0.append(text) }
        }
      }
    }
    thread = reader
    received = store
    reader.start()
  }

  deinit {
    thread?.cancel()
    usleep(300_000)
    close(fd)
  }

  /// Every message so far, in order.
  var messages: [String] { received.messages.withLock { $0 } }

  /// Waits up to `timeout` for a message that satisfies `predicate`; returns it.
  func waitFor(
    within timeout: Duration = .seconds(20), _ predicate: (String) -> Bool
  ) -> String? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if let match = messages.first(where: predicate) { return match }
      usleep(20_000)
    }
    return nil
  }

  /// Waits for the `count`-th message that satisfies `predicate`.
  func waitForCount(
    _ count: Int, within timeout: Duration = .seconds(20), _ predicate: (String) -> Bool
  ) -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      if messages.filter(predicate).count >= count { return true }
      usleep(20_000)
    }
    return false
  }
}

/// The messages received, shared with the reading thread.
private final class MessageLog: Sendable {
  let messages = Mutex<[String]>([])
}
