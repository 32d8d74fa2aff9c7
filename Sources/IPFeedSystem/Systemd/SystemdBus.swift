internal import CSystemd
import Glibc

/// Calls to systemd's manager on the system bus. Each call opens its own connection: the daemon
/// makes one or two calls a day, and a connection kept open would need its own event handling.
public struct SystemdBus: Sendable {
  public init() {}

  private static let service = "org.freedesktop.systemd1"

  /// Sends `signal` to the main process of `unit` (`systemctl kill -s SIGNAL --kill-whom=main`).
  public func killUnit(_ unit: String, signal: Int32) throws(SystemdBusError) {
    try withBus("KillUnit \(unit)", unit: unit) { bus, error in
      csd_kill_unit(bus, unit, "main", signal, error)
    }
  }

  /// Restarts `unit` if it runs (`systemctl try-restart`) and waits up to `timeout` for the job
  /// to end; then checks the unit is active.
  public func tryRestartUnit(_ unit: String, timeout: Duration) throws(SystemdBusError) {
    let call = "TryRestartUnit \(unit)"
    var jobPath: UnsafeMutablePointer<CChar>?
    try withBus(call, unit: unit) { bus, error in
      csd_try_restart_unit(bus, unit, "replace", error, &jobPath)
    }
    guard let jobPath else { return }
    defer { free(jobPath) }
    let deadline = ContinuousClock.now + timeout
    while try jobExists(jobPath, unit: unit) {
      guard ContinuousClock.now < deadline else {
        throw SystemdBusError(
          call: call, unit: unit, name: nil,
          message: "the restart job did not end within \(timeout)")
      }
      usleep(100_000)
    }
    let state = try activeState(of: unit)
    guard state == "active" || state == "activating" || state == "reloading" else {
      throw SystemdBusError(
        call: call, unit: unit, name: "org.freedesktop.systemd1.UnitNotActive",
        message: "\(unit) is \(state) after the restart")
    }
  }

  /// The unit's ActiveState: "active", "inactive", "failed", …
  public func activeState(of unit: String) throws(SystemdBusError) -> String {
    var state: UnsafeMutablePointer<CChar>?
    defer { free(state) }
    try withBus("GetUnit \(unit)", unit: unit) { bus, error in
      var unitPath: UnsafeMutablePointer<CChar>?
      defer { free(unitPath) }
      let found = csd_get_unit(bus, unit, error, &unitPath)
      guard found >= 0, let unitPath else { return found }
      return csd_bus_get_property_string(
        bus, Self.service, unitPath, "org.freedesktop.systemd1.Unit", "ActiveState", error,
        &state)
    }
    return state.map { String(cString: $0) } ?? ""
  }

  /// Whether the job object still exists: systemd removes it when the job ends, and then
  /// answers that the object (or its interface) is unknown.
  private func jobExists(
    _ jobPath: UnsafeMutablePointer<CChar>, unit: String
  ) throws(SystemdBusError) -> Bool {
    do {
      var state: UnsafeMutablePointer<CChar>?
      defer { free(state) }
      try withBus("Job.State \(String(cString: jobPath))", unit: unit) { bus, error in
        csd_bus_get_property_string(
          bus, Self.service, jobPath, "org.freedesktop.systemd1.Job", "State", error, &state)
      }
      return true
    } catch {
      let gone = [
        "org.freedesktop.DBus.Error.UnknownObject", "org.freedesktop.DBus.Error.UnknownMethod",
      ]
      if let name = error.name, gone.contains(name) { return false }
      throw error
    }
  }

  /// Opens the system bus, makes one call, and turns a negative result into an error.
  private func withBus(
    _ call: String, unit: String,
    _ body: (OpaquePointer, UnsafeMutablePointer<sd_bus_error>) -> Int32
  ) throws(SystemdBusError) {
    var loadFailure: UnsafePointer<CChar>?
    guard csd_load(&loadFailure) else {
      throw .busUnreachable(
        call: call, unit: unit, reason: loadFailure.map { String(cString: $0) } ?? "")
    }
    var bus: OpaquePointer?
    let opened = csd_bus_open_system(&bus)
    guard opened >= 0, let bus else {
      throw .busUnreachable(call: call, unit: unit, reason: String(cString: strerror(-opened)))
    }
    defer { csd_bus_flush_close_unref(bus) }
    var error = sd_bus_error(name: nil, message: nil, _need_free: 0)
    defer { csd_bus_error_free(&error) }
    let result = body(bus, &error)
    guard result >= 0 else {
      let name = error.name.map { String(cString: $0) }
      let message = error.message.map { String(cString: $0) } ?? String(cString: strerror(-result))
      throw SystemdBusError(call: call, unit: unit, name: name, message: message)
    }
  }
}
