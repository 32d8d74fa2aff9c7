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
    var line = "\(label): \(event.level): \(event.message)"
    if !merged.isEmpty {
      line +=
        " ("
        + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        .joined(separator: " ") + ")"
    }
    StandardStreams.writeErrorLine(line)
  }
}
