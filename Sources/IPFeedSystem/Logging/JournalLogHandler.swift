internal import CSystemd
import Glibc
import Logging

/// A swift-log handler that writes each event as one structured journal entry through
/// `sd_journal_sendv`.
public struct JournalLogHandler: LogHandler {
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  /// Writes only events with a `MESSAGE_ID`: for commands whose other output goes to a terminal.
  public var onlyHistoryEvents: Bool

  public init(onlyHistoryEvents: Bool = false) {
    self.onlyHistoryEvents = onlyHistoryEvents
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    if onlyHistoryEvents && merged[JournalFields.messageIDKey] == nil { return }
    let fields = JournalFields.fields(
      message: "\(event.message)", level: event.level, metadata: merged, file: event.file,
      line: event.line, function: event.function)
    Self.send(fields)
  }

  /// Whether a journal listens: under systemd (`JOURNAL_STREAM` is set for a service's output)
  /// or when journald's socket exists. `sd_journal_sendv` cannot tell: it succeeds either way.
  public static var isAvailable: Bool {
    getenv("JOURNAL_STREAM") != nil || access("/run/systemd/journal/socket", W_OK) == 0
  }

  /// Why entries cannot be sent (libsystemd.so.0 could not be loaded, with the package to
  /// install); nil when they can. Loads libsystemd when it is not loaded yet.
  public static var loadFailure: String? {
    var failure: UnsafePointer<CChar>?
    return csd_load(&failure) ? nil : failure.map { String(cString: $0) } ?? "libsystemd failed"
  }

  static func send(_ fields: [(name: String, value: String)]) {
    // Each field is "NAME=value"; values may hold newlines, which sendv carries as they are.
    let entries = fields.map { Array("\($0.name)=\($0.value)".utf8) }
    let buffers: [UnsafeMutableRawBufferPointer] = entries.map {
      let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: $0.count, alignment: 1)
      buffer.copyBytes(from: $0)
      return buffer
    }
    defer { for buffer in buffers { buffer.deallocate() } }
    let vectors = buffers.map { iovec(iov_base: $0.baseAddress, iov_len: $0.count) }
    _ = vectors.withUnsafeBufferPointer {
      csd_journal_sendv($0.baseAddress, Int32($0.count))
    }
  }
}
