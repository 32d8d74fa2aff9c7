/// How the daemon makes Falco load a new rules file, decided once from the config (and, for
/// `reload: auto`, from Falco's own config), and logged at start.
public struct FalcoReloadPlan: Sendable, Hashable, CustomStringConvertible {
  public enum Action: Sendable, Hashable {
    /// Nothing to do: Falco watches its rules files and reloads by itself.
    case none
    /// SIGHUP to the main process of a systemd unit, through systemd (D-Bus `KillUnit`).
    case signalUnit(String)
    /// SIGHUP to the process whose pid a file holds.
    case signalPidFile(String)
    /// Restart a systemd unit (D-Bus `TryRestartUnit`), waiting for the job to end.
    case restartUnit(String)
  }

  public var action: Action
  /// Why this action, for the log.
  public var reason: String
  /// A problem the user should fix, when there is one (Falco does not load the file, …).
  public var warning: String?

  public init(action: Action, reason: String, warning: String? = nil) {
    self.action = action
    self.reason = reason
    self.warning = warning
  }

  public var description: String {
    switch action {
    case .none: "none (\(reason))"
    case .signalUnit(let unit): "SIGHUP to \(unit) through systemd (\(reason))"
    case .signalPidFile(let file): "SIGHUP to the pid in \(file) (\(reason))"
    case .restartUnit(let unit): "restart \(unit) through systemd (\(reason))"
    }
  }

  /// The plan for `config`. `facts` is what Falco's config says, or nil when it could not be
  /// read (`readError` says why).
  public static func decide(
    _ config: FalcoConfig, outputPath: String, facts: FalcoConfigFacts?, readError: String? = nil
  ) -> FalcoReloadPlan {
    // A pid file set in the config is what the user means to signal, whatever the unit says
    // (its default names falco.service even on hosts without systemd).
    let signal: Action =
      config.pidFile.isEmpty ? .signalUnit(config.unit) : .signalPidFile(config.pidFile)
    switch config.reload {
    case .none:
      return FalcoReloadPlan(action: .none, reason: "falco.reload is none")
    case .sighup:
      return FalcoReloadPlan(action: signal, reason: "falco.reload is sighup")
    case .restart:
      return FalcoReloadPlan(action: .restartUnit(config.unit), reason: "falco.reload is restart")
    case .auto:
      break
    }
    guard let facts else {
      return FalcoReloadPlan(
        action: signal,
        reason: "falco.reload is auto and \(config.config) could not be read"
          + (readError.map { ": \($0)" } ?? ""))
    }
    let notLoaded =
      facts.loads(outputPath)
      ? nil
      : "Falco does not load \(outputPath): its rules_files in \(config.config) do not list the"
        + " file or its directory. Add it, or set output.path inside a listed directory"
    if facts.watchConfigFiles == false {
      // Falco 0.42 to 0.44.1 ignore SIGHUP when they do not watch their files: only a restart
      // makes them load a new rules file.
      guard config.pidFile.isEmpty, !config.unit.isEmpty else {
        return FalcoReloadPlan(
          action: signal,
          reason: "watch_config_files is false and falco.pid_file is set, not a systemd unit",
          warning: (notLoaded.map { $0 + ". " } ?? "")
            + "Falco 0.42 to 0.44.1 ignore SIGHUP with watch_config_files: false; set"
            + " falco.unit and clear falco.pid_file, or set watch_config_files: true in"
            + " \(config.config)")
      }
      return FalcoReloadPlan(
        action: .restartUnit(config.unit),
        reason: "watch_config_files is false in \(config.config)", warning: notLoaded)
    }
    return FalcoReloadPlan(
      action: .none,
      reason: "Falco watches its rules files (watch_config_files is "
        + (facts.watchConfigFiles == nil ? "absent, true by default" : "true") + ")",
      warning: notLoaded)
  }
}
