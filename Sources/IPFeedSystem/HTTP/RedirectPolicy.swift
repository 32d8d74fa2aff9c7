import IPFeedCore

/// Which protocols a transfer may use, and which a redirect may lead to.
enum RedirectPolicy {
  /// At most this many redirects are followed.
  static let maxRedirects = 5

  /// `CURLOPT_PROTOCOLS_STR`: this fetcher speaks HTTP only. `file://` URLs belong to the file
  /// fetcher, every other scheme is refused.
  static let protocols = "http,https"

  /// `CURLOPT_REDIR_PROTOCOLS_STR` for a transfer that starts at `url`: from an `https` URL a
  /// redirect may only lead to `https` (never downgrade to plain text); from an `http` URL to
  /// `http` or `https`. Never to `file`, `ftp` or anything else.
  static func redirectProtocols(forURL url: FeedURL) -> String {
    url.scheme == .https ? "https" : "http,https"
  }
}
