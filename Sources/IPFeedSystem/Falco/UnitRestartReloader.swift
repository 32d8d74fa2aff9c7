import IPFeedCore

/// Restarts Falco's unit through systemd (`systemctl try-restart`), for Falco that does not
/// watch its rules files and ignores SIGHUP then. Waits for the restart job to end.
public struct UnitRestartReloader: FalcoReloader {
  public var unit: String
  public var timeout: Duration
  public var bus = SystemdBus()

  public init(unit: String, timeout: Duration = .seconds(90)) {
    self.unit = unit
    self.timeout = timeout
  }

  public func reload() throws {
    do {
      try bus.tryRestartUnit(unit, timeout: timeout)
    } catch {
      throw FalcoReloadError("could not restart \(unit): \(error)")
    }
  }
}
