/// What one download cost, for `status` and the `once` summary.
public struct TransferStats: Sendable, Hashable {
  /// The HTTP status code, or nil for `file://` and for transfers that got no response.
  public var httpStatus: Int?
  /// Bytes received on the wire (compressed when the server compressed them).
  public var wireBytes: Int
  /// Bytes of the body after decompression.
  public var bodyBytes: Int
  public var elapsed: Duration
  /// The validators sent with the request.
  public var validatorsSent: HTTPValidators

  public init(
    httpStatus: Int? = nil, wireBytes: Int = 0, bodyBytes: Int = 0, elapsed: Duration = .zero,
    validatorsSent: HTTPValidators = .none
  ) {
    self.httpStatus = httpStatus
    self.wireBytes = wireBytes
    self.bodyBytes = bodyBytes
    self.elapsed = elapsed
    self.validatorsSent = validatorsSent
  }
}
