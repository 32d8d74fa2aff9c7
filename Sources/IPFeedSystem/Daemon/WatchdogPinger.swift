import Dispatch
import IPFeedCore
import Logging

/// Pings systemd's watchdog from the daemon queue on the schedule `WatchdogSchedule` computes: a
/// hung queue stops the pings, and so does a cycle stuck beyond its limits, so that systemd
/// restarts the daemon.
final class WatchdogPinger {
  private var timer: DispatchSourceTimer?

  /// Starts pinging on `queue` when the unit has a watchdog; `isStuck` runs on `queue` before
  /// each ping.
  func start(
    on queue: DispatchQueue, notifier: SystemdNotifier, logger: Logger,
    isStuck: @escaping @Sendable (WatchdogSchedule) -> Bool
  ) {
    guard let schedule = WatchdogSchedule(watchdogMicroseconds: notifier.watchdogMicroseconds)
    else { return }
    timer = DispatchSource.timer(on: queue, after: .zero, repeating: schedule.pingInterval) {
      guard !isStuck(schedule) else {
        logger.critical(
          "a cycle is stuck: watchdog pings stopped so that systemd restarts the daemon")
        return
      }
      notifier.watchdog()
    }
  }
}
