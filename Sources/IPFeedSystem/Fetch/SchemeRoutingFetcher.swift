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
    switch request.url.scheme {
    case .file: try file.fetch(request)
    case .https, .http: try http.fetch(request)
    }
  }
}
