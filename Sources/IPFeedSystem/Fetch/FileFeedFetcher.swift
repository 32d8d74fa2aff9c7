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
    let path = Self.path(of: request.url)
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

  /// `file:///var/lib/x.txt` → `/var/lib/x.txt`; `%XX` escapes decoded.
  static func path(of url: String) -> String {
    var text = Substring(url)
    if text.hasPrefix("file://") { text = text.dropFirst("file://".count) }
    if text.hasPrefix("localhost/") { text = text.dropFirst("localhost".count) }
    var bytes: [UInt8] = []
    var utf8 = Array(text.utf8)[...]
    while let byte = utf8.popFirst() {
      if byte == UInt8(ascii: "%"), utf8.count >= 2,
        let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        utf8 = utf8.dropFirst(2)
      } else {
        bytes.append(byte)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
