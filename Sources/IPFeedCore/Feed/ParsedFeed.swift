/// A feed body that was accepted: its entries and how its lines were classified.
public struct ParsedFeed: Sendable, Hashable {
  public var source: String
  public var format: FeedFormat
  /// Sorted by address, one entry per address (a repeated address keeps its highest score).
  public var entries: [FeedEntry]
  public var lines: FeedLineCounts
  /// The first invalid line, when a few were tolerated.
  public var firstBadLine: FeedLineExcerpt?

  public init(
    source: String, format: FeedFormat, entries: [FeedEntry], lines: FeedLineCounts,
    firstBadLine: FeedLineExcerpt? = nil
  ) {
    self.source = source
    self.format = format
    self.entries = entries
    self.lines = lines
    self.firstBadLine = firstBadLine
  }
}
