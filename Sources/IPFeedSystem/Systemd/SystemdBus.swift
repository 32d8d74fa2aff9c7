internal import CSystemd
import Glibc

/// A failed call to systemd over D-Bus.
public struct SystemdBusError: Error, Sendable, CustomStringConvertible {
  /// What was asked: "KillUnit falco.service".
  public var call: String
  /// The D-Bus error name, when systemd sent one.
  public var name: String?
  public var message: String

  public var description: String {
    "systemd refused \(call): \(message)" + (name.map { " (\($0))" } ?? "")
  }
}

/// Calls to systemd's manager on the system bus. Each call opens its own connection: the daemon
/// makes one or two calls a day, and a connection kept open would need its own event handling.
public struct SystemdBus: Sendable {
  public init() {}

  /// Sends `signal` to the main process of `unit` (`systemctl kill -s SIGNAL --kill-whom=main`).
  public func killUnit(_ unit: String, signal: Int32) throws(SystemdBusError) {
    try withBus("KillUnit \(unit)") { bus, error in
      falco_ipfeed_kill_unit(bus, unit, "main", signal, error)
    }
  }

  /// Restarts `unit` if it runs (`systemctl try-restart`) and waits up to `timeout` for the job
  /// to end; then checks the unit is active.
  public func tryRestartUnit(_ unit: String, timeout: Duration) throws(SystemdBusError) {
    let call = "TryRestartUnit \(unit)"
    var jobPath: UnsafeMutablePointer<CChar>?
    try withBus(call) { bus, error in
      falco_ipfeed_try_restart_unit(bus, unit, "replace", error, &jobPath)
    }
    guard let jobPath else { return }
    defer { free(jobPath) }
    let deadline = ContinuousClock.now + timeout
    while true {
      var running: Int32 = 0
      try withBus("Job.State \(String(cString: jobPath))") { bus, _ in
        running = falco_ipfeed_job_exists(bus, jobPath)
        return running
      }
      if running == 0 { break }
      guard ContinuousClock.now < deadline else {
        throw SystemdBusError(
          call: call, name: nil, message: "the restart job did not end within \(timeout)")
      }
      usleep(100_000)
    }
    let state = try activeState(of: unit)
    guard state == "active" || state == "activating" || state == "reloading" else {
      throw SystemdBusError(call: call, name: nil, message: "\(unit) is \(state) after the restart")
    }
  }

  /// The unit's ActiveState: "active", "inactive", "failed", …
  public func activeState(of unit: String) throws(SystemdBusError) -> String {
    var state: UnsafeMutablePointer<CChar>?
    try withBus("GetUnit \(unit)") { bus, error in
      falco_ipfeed_unit_active_state(bus, unit, error, &state)
    }
    defer { free(state) }
    return state.map { String(cString: $0) } ?? ""
  }

  /// Opens the system bus, makes one call, and turns a negative result into an error.
  private func withBus(
    _ call: String,
    _ body: (OpaquePointer, UnsafeMutablePointer<sd_bus_error>) -> Int32
  ) throws(SystemdBusError) {
    var bus: OpaquePointer?
    let opened = sd_bus_open_system(&bus)
    guard opened >= 0, let bus else {
      throw SystemdBusError(
        call: call, name: nil,
        message: "cannot connect to the system bus: \(String(cString: strerror(-opened)))")
    }
    defer { sd_bus_flush_close_unref(bus) }
    var error = sd_bus_error(name: nil, message: nil, _need_free: 0)
    defer { sd_bus_error_free(&error) }
    let result = body(bus, &error)
    guard result >= 0 else {
      let name = error.name.map { String(cString: $0) }
      let message = error.message.map { String(cString: $0) } ?? String(cString: strerror(-result))
      throw SystemdBusError(call: call, name: name, message: message)
    }
  }
}
