import IPFeedCore
import Testing

@Suite struct PluginStatusTests {
  private let loaded = PluginStatus(
    dataPath: "/var/lib/falco-ipfeed/falco-ipfeed.bin", generation: 32, entries: 120_000,
    loadedAt: 1_764_590_002, dataWrittenAt: 1_764_590_000, loadFailures: 1,
    lastError: "data file is damaged", lastErrorAt: 1_764_500_000, writtenAt: 1_764_590_002)

  @Test func roundTrip() throws {
    #expect(try PluginStatus(parsing: loaded.text) == loaded)
    let empty = PluginStatus(dataPath: "/x", writtenAt: 5)
    #expect(try PluginStatus(parsing: empty.text) == empty)
    #expect(loaded.text.hasSuffix("}\n"))
  }

  @Test func lines() {
    #expect(
      loaded.line(appliedGeneration: 32)
        == "Falco plugin: generation 32 loaded 2 s after it was written, 120000 entries; "
        + "last error at 2025-11-30T10:53:20Z: data file is damaged")
    var behind = loaded
    behind.lastError = nil
    #expect(
      behind.line(appliedGeneration: 33)
        == "Falco plugin: still on generation 32 (the daemon wrote 33), 120000 entries")
    #expect(
      PluginStatus(dataPath: "/x", writtenAt: 1).line(appliedGeneration: nil)
        == "Falco plugin: no list loaded yet (waiting for /x)")
  }

  @Test func unreadableStatus() {
    #expect(throws: PluginStatusError.self) { try PluginStatus(parsing: "{\"entries\":1}") }
    #expect(throws: PluginStatusError.self) {
      try PluginStatus(parsing: "{\"data_path\":\"/x\",\"written_at\":\"soon\"}")
    }
  }
}
