/// A failed call to systemd over D-Bus, told apart by where it failed, each with what to do:
/// the system bus could not be reached, systemd is not on it, systemd did not answer, or
/// systemd answered with an error (it refused).
public struct SystemdBusError: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: Sendable, Hashable {
    /// Connecting to the system bus failed: no bus, so no systemd to ask.
    case busUnreachable
    /// The bus answered that no systemd manager is on it.
    case systemdAbsent
    /// The call got no answer (timeout, connection lost).
    case noAnswer
    /// systemd answered with an error.
    case refused
  }

  /// What was asked: "KillUnit falco.service".
  public var call: String
  /// The unit the call was about, for the advice.
  public var unit: String
  public var kind: Kind
  /// The D-Bus error name, when there is one.
  public var name: String?
  public var message: String

  /// An error reply (or a failure without one: `name` nil), classified by its D-Bus name.
  public init(call: String, unit: String, name: String?, message: String) {
    self.call = call
    self.unit = unit
    self.name = name
    self.message = message
    switch name {
    case "org.freedesktop.DBus.Error.ServiceUnknown", "org.freedesktop.DBus.Error.NameHasNoOwner":
      kind = .systemdAbsent
    case let name? where name.hasPrefix("org.freedesktop.DBus.Error.Spawn."):
      // The bus tried to start systemd's manager on demand, and could not.
      kind = .systemdAbsent
    case nil, "org.freedesktop.DBus.Error.NoReply", "org.freedesktop.DBus.Error.Timeout",
      "org.freedesktop.DBus.Error.TimedOut", "org.freedesktop.DBus.Error.Disconnected":
      kind = .noAnswer
    default:
      kind = .refused
    }
  }

  /// The system bus could not be opened: `reason` is the system's error text.
  public static func busUnreachable(call: String, unit: String, reason: String) -> Self {
    var error = Self(call: call, unit: unit, name: nil, message: reason)
    error.kind = .busUnreachable
    return error
  }

  private var withoutSystemd: String {
    "set falco.pid_file to Falco's pid file (with falco.reload: sighup)"
  }

  private var named: String { name.map { " (\($0))" } ?? "" }

  public var description: String {
    switch kind {
    case .busUnreachable:
      return "cannot reach systemd for \(call): connecting to the system bus failed: \(message)."
        + " Is systemd running on this host (systemctl is-system-running)? If it is not, "
        + withoutSystemd
    case .systemdAbsent:
      return "cannot reach systemd for \(call): the system bus has no systemd on it: "
        + "\(message)\(named). Is this host booted with systemd? If it is not, \(withoutSystemd)"
    case .noAnswer:
      return "systemd did not answer \(call): \(message)\(named). Check that systemd is"
        + " responsive (systemctl status); the call is tried again at the next cycle"
    case .refused:
      return "systemd refused \(call): \(message)\(named). \(refusalAdvice)"
    }
  }

  private var refusalAdvice: String {
    switch name {
    case "org.freedesktop.DBus.Error.AccessDenied",
      "org.freedesktop.DBus.Error.InteractiveAuthorizationRequired":
      "falco-ipfeed may not manage \(unit): run it as root, as its unit does"
    default:
      "Is falco.unit right? \(unit) must be Falco's unit: check with systemctl status \(unit)"
    }
  }
}
