internal import CSystemd
import Glibc

/// Tells systemd what the daemon is doing (`sd_notify`): READY, STATUS, WATCHDOG, RELOADING,
/// STOPPING. Does nothing when not run by systemd (no `NOTIFY_SOCKET`).
public struct SystemdNotifier: Sendable {
  public init() {}

  public var isEnabled: Bool { getenv("NOTIFY_SOCKET") != nil }

  /// The unit's `WatchdogSec=` (`WATCHDOG_USEC`, for this process); nil when none is set.
  public var watchdogMicroseconds: UInt64? {
    var microseconds: UInt64 = 0
    guard csd_watchdog_enabled(&microseconds) > 0, microseconds > 0 else { return nil }
    return microseconds
  }

  public func ready(status: String) {
    send("READY=1\nSTATUS=\(Self.oneLine(status))")
  }

  public func status(_ status: String) {
    send("STATUS=\(Self.oneLine(status))")
  }

  public func watchdog() {
    send("WATCHDOG=1")
  }

  /// Starts a config reload; `ready(status:)` ends it. systemd 253+ needs MONOTONIC_USEC to
  /// match the two; older ones ignore it.
  public func reloading() {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let microseconds = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)")
  }

  public func stopping() {
    send("STOPPING=1")
  }

  private func send(_ state: String) {
    guard isEnabled else { return }
    _ = csd_notify(state)
  }

  /// A STATUS= value is one line.
  static func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
  }
}
