/// What the state journal remembers of a source's last applied body: its parsed entries and the
/// validators that came with it. Stored only together with the list the body produced, so that a
/// 304 always refers to a body whose list was applied.
///
/// The entries are kept parsed, not as the raw body: a 304, a restart or another source's failure
/// rebuilds the list from them without a download and without parsing again.
public struct SourceState: Sendable, Hashable {
  /// The URL the body came from (its `FeedURL.text`). A source whose `url` changed in the
  /// config starts afresh: another URL's validators or entries are never used.
  public var url: String
  public var validators: HTTPValidators
  /// The body's accepted entries (its format is `feed.format`: a source whose format changed in
  /// the config starts afresh too).
  public var feed: ParsedFeed
  /// The size of the body, for `status`.
  public var bodyBytes: Int
  /// The SHA-256 of the body as delivered (64 hex digits), so that a later cycle that gets the
  /// same bytes again (a file, or a server without validators) knows nothing changed without
  /// parsing them; nil when not known.
  public var bodyDigest: String?

  public init(
    url: String, validators: HTTPValidators, feed: ParsedFeed, bodyBytes: Int,
    bodyDigest: String? = nil
  ) {
    self.url = url
    self.validators = validators
    self.feed = feed
    self.bodyBytes = bodyBytes
    self.bodyDigest = bodyDigest
  }

  /// Whether this state describes `source` as configured now.
  public func belongs(to source: SourceConfig) -> Bool {
    url == source.url.text && feed.format == source.format
  }
}
