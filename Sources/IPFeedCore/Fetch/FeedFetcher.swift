/// Downloads one source. The shell provides the real ones (libcurl, files); tests provide
/// in-memory ones.
public protocol FeedFetcher: Sendable {
  /// Fetches `request.url`, conditionally when `request.validators` is not empty.
  func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult
}
