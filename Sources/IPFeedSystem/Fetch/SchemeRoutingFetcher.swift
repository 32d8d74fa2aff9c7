import IPFeedCore

/// Sends each request to the fetcher for its URL's scheme.
public struct SchemeRoutingFetcher: FeedFetcher {
  public var file: any FeedFetcher
  public var http: any FeedFetcher

  public init(file: any FeedFetcher, http: any FeedFetcher) {
    self.file = file
    self.http = http
  }

  public func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult {
    if request.url.hasPrefix("file://") {
      return try file.fetch(request)
    }
    if request.url.hasPrefix("https://") || request.url.hasPrefix("http://") {
      return try http.fetch(request)
    }
    throw FetchError(
      source: request.source, url: request.url,
      cause: "unsupported URL scheme: use https://, http:// or file://")
  }
}
