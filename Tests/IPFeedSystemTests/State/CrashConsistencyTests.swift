import Foundation
import Testing

/// `kill -9` at points spread over a `once` on a large feed: each followed by a clean `once`
/// that leaves the rules file and the state journal agreeing, and no temporary file.
@Suite(.serialized) struct CrashConsistencyTests {
  @Test func killedRunsAreRecoveredByTheNextOne() throws {
    let fixture = try OnceFixture()
    let feeds = [generatedFeed(count: 100_000), generatedFeed(count: 100_000, variant: 1)]
    try fixture.writeFeed(feeds[0])
    let clock = ContinuousClock()
    let start = clock.now
    let first = try fixture.once()
    let firstDuration = clock.now - start
    #expect(first.status == 0, "\(first.error)")
    // Spread the kills over the length of a run that applies a change.
    try fixture.writeFeed(feeds[1])
    let changeStart = clock.now
    #expect(try fixture.once().status == 0)
    let runLength = max(clock.now - changeStart, firstDuration / 2, .milliseconds(50))

    var generator = SystemRandomNumberGenerator()
    let rounds = 10
    for round in 0..<rounds {
      let feed = feeds[round % 2]
      try fixture.writeFeed(feed)
      // Evenly spread over the run, plus some jitter.
      let fraction = (Double(round) + Double.random(in: 0..<1, using: &generator)) / Double(rounds)
      let delay = runLength * fraction
      let process = Process()
      process.executableURL = URL(fileURLWithPath: TestPaths.binary)
      process.arguments = ["once", "--config", fixture.configPath]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      process.standardInput = FileHandle.nullDevice
      try process.run()
      Thread.sleep(
        forTimeInterval: Double(delay.components.seconds)
          + Double(delay.components.attoseconds) / 1e18)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()

      let clean = try fixture.once()
      let context = "round \(round), killed after \(delay): \(clean.output) \(clean.error)"
      #expect(clean.status == 0, "\(context)")
      #expect(try fixture.outputState() == "matches", "\(context)")
      #expect(fixture.temporaryFiles().isEmpty, "\(context)")
      // The file holds this round's feed: the clean run applied it.
      let expected = try CommandRun.falcoIPFeed(
        ["render", "--threshold", "1", fixture.feedPath])
      #expect(
        try fixture.listed().count
          == expected.output.split(separator: "\n")
          .filter { $0.hasPrefix("    - \"") }.count, "\(context)")
      let status = try fixture.status()
      let history = try jsonObject(try fixture.run("history", ["--json", "--limit", "1"]).output)
      let newest = (history["changes"] as? [[String: Any]])?.first
      #expect(newest?["total"] as? Int == status["total"] as? Int, "\(context)")
      #expect(
        newest?["sha256"] as? String
          == (status["output"] as? [String: Any])?["sha256"] as? String, "\(context)")
    }
  }
}
