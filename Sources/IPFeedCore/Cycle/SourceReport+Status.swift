extension SourceReport {
  /// The attempt in a word for the status line: the HTTP status ("200", "304"), "read" for a
  /// file, "failed" or "rejected".
  public var shortResult: String {
    switch result {
    case .downloaded(let stats, _), .notModified(let stats, _):
      stats.httpStatus.map(String.init) ?? "read"
    case .fetchFailed: "failed"
    case .rejected: "rejected"
    }
  }

  /// How long the server asked us to wait before trying again, if it did.
  public var retryAfter: Duration? {
    if case .fetchFailed(let error, _) = result { return error.retryAfter }
    return nil
  }
}
