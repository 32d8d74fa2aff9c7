import IPFeedCore
import Testing

@Suite struct CycleSummaryTests {
  let feed = ParsedFeed(
    source: "ipsum", format: .ipsum, entries: [FeedEntry(address: .v4(0x0808_0808), score: 3)],
    lines: {
      var lines = FeedLineCounts()
      lines.total = 3
      lines.valid = 1
      lines.comments = 2
      return lines
    }())

  private func sourceLine(_ result: SourceReport.Result) -> String {
    let report = CycleReport(
      outcome: .unchanged, sources: [SourceReport(name: "ipsum", result: result)],
      exclusions: ExclusionReport(), total: 1)
    return CycleSummary.lines(for: report, outputPath: "/x.yaml")[1]
  }

  @Test func gzippedDownload() {
    let stats = TransferStats(
      httpStatus: 200, wireBytes: 637_912, bodyBytes: 1_952_079, elapsed: .milliseconds(29))
    #expect(
      sourceLine(.downloaded(stats, feed))
        == "  ipsum: HTTP 200, 637912 bytes on the wire, 1952079 bytes decompressed, 29 ms,"
        + " 1 addresses in 3 lines")
  }

  @Test func notModifiedNamesTheValidatorsSent() {
    let stats = TransferStats(
      httpStatus: 304, wireBytes: 183, elapsed: .milliseconds(2),
      validatorsSent: HTTPValidators(etag: "\"v1\"", lastModified: "Sat, 22 Aug 2026 01:00:00 GMT"))
    #expect(
      sourceLine(.notModified(stats, feed))
        == "  ipsum: HTTP 304, 183 bytes on the wire, 2 ms, sent ETag \"v1\", sent date Sat, 22"
        + " Aug 2026 01:00:00 GMT not modified, last body reused: 1 addresses in 3 lines")
  }

  @Test func failureSaysWhetherEarlierDataWasUsed() {
    let error = FetchError(source: "ipsum", url: "https://x", cause: "HTTP 503 Service Unavailable")
    #expect(
      sourceLine(.fetchFailed(error, fallback: feed))
        == "  ipsum: FAILED: HTTP 503 Service Unavailable; its last good data (1 addresses) was used"
    )
    #expect(
      sourceLine(.fetchFailed(error, fallback: nil)).hasSuffix("no earlier data to fall back on"))
  }

  @Test func headlines() {
    let diff = ListDiff(
      added: [ListedAddress(address: .v4(1), score: 1, source: "s")], removed: [])
    let applied = CycleReport(
      outcome: .applied(diff), sources: [], exclusions: ExclusionReport(), total: 7, changeID: 4)
    #expect(
      CycleSummary.lines(for: applied, outputPath: "/x.yaml")[0]
        == "applied: 7 addresses (+1 −0) written to /x.yaml (change 4)")
    let unchanged = CycleReport(
      outcome: .unchanged, sources: [], exclusions: ExclusionReport(), total: 7)
    #expect(
      CycleSummary.lines(for: unchanged, outputPath: "/x.yaml")[0]
        == "unchanged: 7 addresses; /x.yaml not rewritten")
  }
}
