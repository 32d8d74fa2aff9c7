/// One conditional download of one source.
public struct FetchRequest: Sendable, Hashable {
  /// The source's name from the config, used in every message about it.
  public var source: String
  public var url: FeedURL
  /// Validators of the body whose list was last applied; empty on a first download.
  public var validators: HTTPValidators

  public init(source: String, url: FeedURL, validators: HTTPValidators = .none) {
    self.source = source
    self.url = url
    self.validators = validators
  }
}
