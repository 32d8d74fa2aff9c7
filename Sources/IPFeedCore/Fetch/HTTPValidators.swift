/// The validators of the body a source last delivered, sent back on the next request so that an
/// unchanged feed costs its host a `304 Not Modified` instead of a full download.
public struct HTTPValidators: Sendable, Hashable, Codable {
  public var etag: String?
  public var lastModified: String?

  public init(etag: String? = nil, lastModified: String? = nil) {
    self.etag = etag
    self.lastModified = lastModified
  }

  public static let none = HTTPValidators()

  public var isEmpty: Bool { etag == nil && lastModified == nil }
}
