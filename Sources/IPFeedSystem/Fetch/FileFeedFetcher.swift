import Glibc
import IPFeedCore

/// Reads `file://` sources: a feed that another tool downloads, or a local list.
public struct FileFeedFetcher: FeedFetcher {
  public var maxBytes: Int

  public init(maxBytes: Int) {
    self.maxBytes = maxBytes
  }

  public func fetch(_ request: FetchRequest) throws(FetchError) -> FetchResult {
    let start = ContinuousClock.now
    let path = request.url.filePath
    let body: [UInt8]?
    do {
      body = try FileSystem.readFile(path, limit: maxBytes)
    } catch {
      let cause =
        error.errno == EFBIG
        ? "the file is larger than http.max_bytes (\(maxBytes) bytes); raise http.max_bytes"
          + " if the feed really is that large"
        : error.description
      throw FetchError(source: request.source, url: request.url, cause: cause)
    }
    guard let body else {
      throw FetchError(
        source: request.source, url: request.url, cause: "no such file: \(path)")
    }
    let stats = TransferStats(
      wireBytes: body.count, bodyBytes: body.count, elapsed: ContinuousClock.now - start)
    return .body(body, validators: .none, stats: stats)
  }
}
