import Foundation
import GRDB
import IPFeedCore

/// A row of `source_body`: a source's last applied body, with its validators. Written only in
/// the transaction that records the list the body produced.
///
/// The body is kept as its parsed entries in a compact binary form (`FeedEntriesCoding`), not as
/// the raw download: IPsum's 2 MB of text become about 0.4 MB, a 304 or a restart rebuilds the
/// list without parsing again, and no compression library is needed. Comments and invalid lines,
/// which never reach the list, are not kept; their counts are.
struct SourceBodyRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
  static let databaseTableName = "source_body"
  static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
  static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

  var source: String
  var url: String
  var format: String
  var etag: String?
  var lastModified: String?
  var bodyBytes: Int
  var entryCount: Int
  var entries: Data
  var linesTotal: Int
  var linesComments: Int
  var linesBlank: Int
  var linesValid: Int
  var linesInvalid: Int
  var linesDuplicates: Int
  var firstBadLineNumber: Int?
  var firstBadLine: String?
  /// When this body's list was applied.
  var appliedAt: Int64
  /// When the source's entries last changed (a new body with the same entries keeps it).
  var changedAt: Int64
  /// The SHA-256 of the body as downloaded; nil when not recorded.
  var bodySha256: String?

  init(_ state: SourceState, name: String, at time: Int64, previous: SourceBodyRecord?) {
    source = name
    url = state.url
    format = state.feed.format.rawValue
    etag = state.validators.etag
    lastModified = state.validators.lastModified
    bodyBytes = state.bodyBytes
    entryCount = state.feed.entries.count
    let encoded = Data(FeedEntriesCoding.encode(state.feed.entries))
    entries = encoded
    let lines = state.feed.lines
    linesTotal = lines.total
    linesComments = lines.comments
    linesBlank = lines.blank
    linesValid = lines.valid
    linesInvalid = lines.invalid
    linesDuplicates = lines.duplicates
    firstBadLineNumber = state.feed.firstBadLine?.lineNumber
    firstBadLine = state.feed.firstBadLine?.excerpt
    appliedAt = time
    let format = state.feed.format.rawValue
    changedAt =
      previous.map { $0.entries == encoded && $0.format == format ? $0.changedAt : time } ?? time
    bodySha256 = state.bodyDigest
  }

  /// The stored state, or nil when the row cannot be read back (an unknown format or a damaged
  /// blob): the source then starts afresh with a full download.
  var state: SourceState? {
    guard let format = FeedFormat(rawValue: format),
      let entries = FeedEntriesCoding.decode(Array(self.entries)), entries.count == entryCount
    else { return nil }
    var lines = FeedLineCounts()
    lines.total = linesTotal
    lines.comments = linesComments
    lines.blank = linesBlank
    lines.valid = linesValid
    lines.invalid = linesInvalid
    lines.duplicates = linesDuplicates
    let firstBad = firstBadLineNumber.map {
      FeedLineExcerpt(lineNumber: $0, excerpt: firstBadLine ?? "")
    }
    let feed = ParsedFeed(
      source: source, format: format, entries: entries, lines: lines, firstBadLine: firstBad)
    return SourceState(
      url: url, validators: HTTPValidators(etag: etag, lastModified: lastModified), feed: feed,
      bodyBytes: bodyBytes, bodyDigest: bodySha256)
  }
}
