/// When the daemon pings systemd's watchdog, and when it stops on purpose.
///
/// systemd asks for a ping within every `WatchdogSec=` (`WATCHDOG_USEC`); the daemon pings at
/// half of it, and never more often than every 100 ms. While a cycle runs far longer than every
/// source's timeout together allows, the pings stop, so that systemd restarts a stuck daemon.
public struct WatchdogSchedule: Sendable, Hashable {
  /// How often to ping.
  public var pingInterval: Duration

  /// The schedule for `WATCHDOG_USEC` = `watchdogMicroseconds`; nil when the watchdog is off.
  public init?(watchdogMicroseconds: UInt64?) {
    guard let watchdogMicroseconds, watchdogMicroseconds > 0 else { return nil }
    pingInterval = max(
      .microseconds(Int64(clamping: watchdogMicroseconds / 2)), .milliseconds(100))
  }

  /// The longest a cycle may run under `config` before the daemon counts as stuck: every
  /// source timing out in turn, plus Falco's validation and the reload.
  public static func longestCycle(_ config: Config) -> Duration {
    (config.http.timeout + .seconds(10)) * config.sources.count + .seconds(300)
  }

  /// Whether to ping now, given how long the cycle in progress has run (nil: none runs).
  public func shouldPing(cycleRunningFor running: Duration?, config: Config) -> Bool {
    guard let running else { return true }
    return running <= Self.longestCycle(config)
  }
}
