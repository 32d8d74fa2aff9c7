/// How falco-ipfeed makes Falco load a new rules file (`falco.reload`).
public enum ReloadMode: String, Sendable, CaseIterable {
  /// Read Falco's config: when Falco watches its rules files, do nothing (it reloads itself);
  /// when it does not, restart it through systemd; when unknown, send SIGHUP.
  case auto
  /// Send SIGHUP to Falco (through its unit's main PID, or `falco.pid_file`).
  case sighup
  /// Restart Falco's systemd unit (`falco.unit`).
  case restart
  /// Do nothing: Falco watches its rules files (`watch_config_files: true`).
  case none
}
