import Foundation
import IPFeedCore

/// The head of the last HTTP response of a transfer (status line and header fields), built from
/// the header lines libcurl passes on. A new status line starts a new head, so the heads of
/// redirects and interim responses are dropped.
struct HTTPResponseHead: Sendable, Hashable {
  /// The status code, nil before a status line arrived.
  private(set) var status: Int?
  /// The status line's reason phrase ("Service Unavailable"); empty in HTTP/2 and later.
  private(set) var reasonPhrase = ""
  /// Header fields by lowercased name; a repeated field keeps its last value.
  private(set) var fields: [String: String] = [:]

  init() {}

  /// Takes one header line without its CR LF.
  mutating func consume(line: String) {
    if line.hasPrefix("HTTP/") {
      self = HTTPResponseHead()
      let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
      if parts.count >= 2 {
        status = Int(parts[1])
      }
      if parts.count == 3 {
        reasonPhrase = parts[2].trimmingCharacters(in: .whitespaces)
      }
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    guard !name.isEmpty else { return }
    fields[name] = value
  }

  /// The value of a header field, by case-insensitive name.
  subscript(field name: String) -> String? {
    fields[name.lowercased()]
  }

  /// The response's `ETag` and `Last-Modified`.
  var validators: HTTPValidators {
    HTTPValidators(etag: self[field: "ETag"], lastModified: self[field: "Last-Modified"])
  }
}
