/// The daemon's configuration: the model of `/etc/falco-ipfeed/falco-ipfeed.yaml`.
///
/// Every setting has a default (`Config.defaults`, the same as the shipped file). The loader in
/// IPFeedSystem reads and validates the file; `effectiveYAML()` prints it back.
public struct Config: Sendable, Equatable {
  /// Where the daemon looks for its config unless `--config PATH` says otherwise.
  public static let defaultPath = "/etc/falco-ipfeed/falco-ipfeed.yaml"

  /// Every setting at its default.
  public static let defaults = Config()

  /// The documentation prefix that is excluded by default, as an example to edit.
  public static let defaultExclude = [try! AddressPrefix(parsing: "192.0.2.0/24")]

  /// The shortest `interval` accepted: IPsum changes once a day, and the feed hosts are shared.
  public static let minimumInterval: Duration = .seconds(60)

  /// Time between polls; at least `minimumInterval`.
  public var interval: Duration
  /// Up to this much random delay is added to each poll; shorter than `interval`.
  public var jitter: Duration
  public var stateDirectory: String
  /// At least one; names are unique.
  public var sources: [SourceConfig]
  /// Never listed, besides the always-excluded special ranges.
  public var exclude: [AddressPrefix]
  public var output: OutputConfig
  public var falco: FalcoConfig
  public var safety: SafetyConfig
  /// How long the state journal keeps applied changes.
  public var historyDays: Int
  public var http: HTTPConfig

  public init(
    interval: Duration = .seconds(6 * 3_600), jitter: Duration = .seconds(10 * 60),
    stateDirectory: String = "/var/lib/falco-ipfeed", sources: [SourceConfig] = [.ipsum],
    exclude: [AddressPrefix] = Config.defaultExclude, output: OutputConfig = OutputConfig(),
    falco: FalcoConfig = FalcoConfig(), safety: SafetyConfig = SafetyConfig(),
    historyDays: Int = 180, http: HTTPConfig = HTTPConfig()
  ) {
    self.interval = interval
    self.jitter = jitter
    self.stateDirectory = stateDirectory
    self.sources = sources
    self.exclude = exclude
    self.output = output
    self.falco = falco
    self.safety = safety
    self.historyDays = historyDays
    self.http = http
  }
}
