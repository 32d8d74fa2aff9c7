/// One threat feed to poll (an entry of `sources`).
public struct SourceConfig: Sendable, Equatable {
  /// Lowercase letters, digits, `-` and `_`, starting with a letter or digit: it becomes a
  /// journal field value and part of file names.
  public var name: String
  public var url: FeedURL
  public var format: FeedFormat
  /// Keep addresses whose count is at least this (IPsum: the number of blacklists naming
  /// the address). Always 1 for `plain`.
  public var threshold: Int

  /// A source; `threshold` defaults to the format's default (6 for IPsum, 1 for plain).
  public init(name: String, url: FeedURL, format: FeedFormat = .ipsum, threshold: Int? = nil) {
    self.name = name
    self.url = url
    self.format = format
    self.threshold = threshold ?? format.defaultThreshold
  }

  /// The default source: IPsum, addresses named by at least 6 blacklists.
  public static let ipsum = SourceConfig(
    name: "ipsum", url: "https://raw.githubusercontent.com/stamparm/ipsum/master/ipsum.txt",
    format: .ipsum, threshold: 6)
}
