/// Why a whole feed body was refused. The source keeps its last good data: a bad download (an
/// HTML error page, a truncated or mangled file) never replaces a good list.
public struct FeedRejection: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Reason: Sendable, Hashable {
    /// Not one line held a valid entry.
    case noValidEntry
    /// More than `FeedParser.maximumInvalidPercent` of the data lines were invalid.
    case tooManyInvalidLines
    /// A line longer than `FeedParser.maximumLineBytes`: not a feed of addresses.
    case lineTooLong
  }

  public var source: String
  public var format: FeedFormat
  public var reason: Reason
  public var lines: FeedLineCounts
  /// The first line that was not valid, quoted safely.
  public var firstBadLine: FeedLineExcerpt?

  public init(
    source: String, format: FeedFormat, reason: Reason, lines: FeedLineCounts,
    firstBadLine: FeedLineExcerpt?
  ) {
    self.source = source
    self.format = format
    self.reason = reason
    self.lines = lines
    self.firstBadLine = firstBadLine
  }

  public var description: String {
    var text = "source \(source): feed rejected, the last good list is kept: "
    switch reason {
    case .noValidEntry:
      text += "no valid \(format.rawValue) entry in \(lines.total) lines"
    case .tooManyInvalidLines:
      text +=
        "\(lines.invalid) of \(lines.dataLines) data lines are invalid"
        + " (more than \(FeedParser.maximumInvalidPercent)%)"
    case .lineTooLong:
      text += "a line is longer than \(FeedParser.maximumLineBytes) bytes"
    }
    if let firstBadLine { text += "; first bad \(firstBadLine)" }
    text += ". " + hint
    return text
  }

  /// What to check, phrased for the most likely cause.
  private var hint: String {
    if let excerpt = firstBadLine?.excerpt {
      if excerpt.hasPrefix("<") {
        return "The server sent an HTML page, not a feed: check the source's url."
      }
      if excerpt.contains("/") && format == .plain {
        return "Prefixes (CIDR) are not supported: Falco's list holds single addresses."
      }
    }
    switch format {
    case .ipsum:
      return "An ipsum feed has lines \"ADDRESS<TAB>COUNT\"; check the source's url and format."
    case .plain:
      return "A plain feed has one address per line; check the source's url and format."
    }
  }
}
