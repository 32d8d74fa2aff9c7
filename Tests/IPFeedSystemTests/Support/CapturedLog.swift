import Logging
import Synchronization

/// A swift-log handler that keeps every message, for tests that check what was logged.
final class CapturedLog: Sendable {
  private let entries = Mutex<[(level: Logger.Level, message: String)]>([])

  var logger: Logger {
    Logger(label: "test") { _ in Handler(log: self) }
  }

  var messages: [String] { entries.withLock { $0.map(\.message) } }

  func warnings(containing text: String) -> [String] {
    entries.withLock { $0.filter { $0.level == .warning && $0.message.contains(text) } }
      .map(\.message)
  }

  private struct Handler: LogHandler {
    let log: CapturedLog
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
      get { metadata[key] }
      set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
      log.entries.withLock { $0.append((event.level, "\(event.message)")) }
    }
  }
}
