import Glibc
import IPFeedCore

/// SIGHUP to the main process of Falco's unit, through systemd: the same as
/// `systemctl kill -s HUP --kill-whom=main falco.service`.
public struct UnitSignalReloader: FalcoReloader {
  public var unit: String
  public var bus = SystemdBus()

  public init(unit: String) {
    self.unit = unit
  }

  public func reload() throws {
    do {
      try bus.killUnit(unit, signal: SIGHUP)
    } catch {
      throw FalcoReloadError("could not send SIGHUP to \(unit): \(error)")
    }
  }
}
