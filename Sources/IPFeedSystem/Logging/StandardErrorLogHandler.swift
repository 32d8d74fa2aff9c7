import Logging

/// Log lines for a person at a terminal: `falco-ipfeed: warning: message (key=value …)`, the
/// metadata sorted by key so that the same event always reads the same.
public struct StandardErrorLogHandler: LogHandler {
  public var logLevel: Logger.Level = .info
  public var metadata: Logger.Metadata = [:]
  private let label: String

  public init(label: String) {
    self.label = label
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    let line =
      "\(label): \(event.level): "
      + JournalFields.text(message: "\(event.message)", metadata: merged)
    StandardStreams.writeErrorLine(line)
  }
}
