import IPFeedCore
import Testing

/// `WatchdogSchedule`: the ping cadence systemd's `WATCHDOG_USEC` asks for, and when a stuck
/// cycle stops the pings.
@Suite struct WatchdogScheduleTests {
  @Test(arguments: [
    (UInt64(400_000), Duration.milliseconds(200)), (120_000_000, .seconds(60)),
    (100_000, .milliseconds(100)), (1, .milliseconds(100)),
  ])
  func pingsAtHalfThePeriod(microseconds: UInt64, interval: Duration) {
    #expect(WatchdogSchedule(watchdogMicroseconds: microseconds)?.pingInterval == interval)
  }

  @Test func noWatchdogNoSchedule() {
    #expect(WatchdogSchedule(watchdogMicroseconds: nil) == nil)
    #expect(WatchdogSchedule(watchdogMicroseconds: 0) == nil)
  }

  @Test func aCycleFarBeyondItsLimitsStopsThePings() throws {
    let watchdog = try #require(WatchdogSchedule(watchdogMicroseconds: 120_000_000))
    var config = Config()
    config.http.timeout = .seconds(60)
    // One source: (60 s + 10 s) + 300 s.
    #expect(WatchdogSchedule.longestCycle(config) == .seconds(370))
    #expect(watchdog.shouldPing(cycleRunningFor: nil, config: config))
    #expect(watchdog.shouldPing(cycleRunningFor: .seconds(370), config: config))
    #expect(!watchdog.shouldPing(cycleRunningFor: .seconds(371), config: config))
  }
}
