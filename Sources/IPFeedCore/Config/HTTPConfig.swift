/// Downloading the feeds (`http`).
public struct HTTPConfig: Sendable, Equatable {
  /// The whole transfer's time limit.
  public var timeout: Duration
  /// The largest body accepted, in bytes.
  public var maxBytes: Int
  /// A CA bundle to trust instead of the system's; empty for the system's.
  public var caFile: String

  public init(timeout: Duration = .seconds(60), maxBytes: Int = 64 << 20, caFile: String = "") {
    self.timeout = timeout
    self.maxBytes = maxBytes
    self.caFile = caFile
  }
}
