import IPFeedCore
import Testing

@Suite struct DaemonStatusLineTests {
  // 2026-11-29T06:00:00Z
  let six = UnixTime(seconds: 1_795_932_000)

  @Test func iso8601() {
    #expect(six.iso8601 == "2026-11-29T06:00:00Z")
    #expect(UnixTime(seconds: 0).iso8601 == "1970-01-01T00:00:00Z")
    #expect(UnixTime(seconds: 951_782_400).iso8601 == "2000-02-29T00:00:00Z")
  }

  @Test func lineLikeTheExample() {
    let line = DaemonStatusLine(
      total: 14_217, lastChange: (six, 312, 280), nextPoll: six + .seconds(6 * 3600 + 420),
      sources: [.init(name: "ipsum", result: "304", at: six + .seconds(420))])
    #expect(
      line.text(now: six)
        == "14217 addresses; last change 06:00 UTC (+312 −280); next poll 12:07 UTC;"
        + " ipsum 304 at 06:07 UTC")
  }

  @Test func staleAndProblemsComeFirst() {
    let line = DaemonStatusLine(
      total: 5, staleSince: six, problems: ["config invalid, still running the previous one"])
    #expect(
      line.text(now: six + .seconds(86_400)).hasPrefix(
        "STALE since Nov 29 06:00 UTC; config invalid"))
  }
}
