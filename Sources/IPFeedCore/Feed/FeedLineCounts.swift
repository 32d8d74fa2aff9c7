/// How the lines of one feed body were classified.
public struct FeedLineCounts: Sendable, Hashable {
  public var total = 0
  public var comments = 0
  public var blank = 0
  /// Lines that held exactly one address (and, for IPsum, a count).
  public var valid = 0
  /// Lines that are neither comments, blank nor valid: counted, never used.
  public var invalid = 0
  /// Valid lines whose address an earlier line had already named.
  public var duplicates = 0

  public init() {}

  /// Lines that carry data or should have: everything but comments and blank lines.
  public var dataLines: Int { valid + invalid }
}
