/// How falco-ipfeed reaches Falco: reload and validation (`falco`).
public struct FalcoConfig: Sendable, Equatable {
  public var reload: ReloadMode
  /// Falco's systemd unit, for `restart` and for SIGHUP to its main PID.
  public var unit: String
  /// Falco's pid file, instead of `unit`, on hosts without systemd; empty when unused.
  public var pidFile: String
  /// Falco's config file: read by `reload: auto` (`watch_config_files`) and passed to `falco -V`.
  public var config: String
  /// The Falco binary that validates a new rules file: a name looked up in PATH or an
  /// absolute path.
  public var binary: String
  public var validate: ValidateMode

  public init(
    reload: ReloadMode = .auto, unit: String = "falco.service", pidFile: String = "",
    config: String = "/etc/falco/falco.yaml", binary: String = "falco",
    validate: ValidateMode = .auto
  ) {
    self.reload = reload
    self.unit = unit
    self.pidFile = pidFile
    self.config = config
    self.binary = binary
    self.validate = validate
  }
}
