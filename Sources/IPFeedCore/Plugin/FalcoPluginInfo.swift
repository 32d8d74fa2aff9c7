/// What the Falco plugin says of itself, and where it is installed: shared by the plugin and by
/// the daemon's `falco-config`, so that the names in falco.yaml match the library.
public enum FalcoPluginInfo {
  /// The plugin's name: the `name` of its `plugins:` entry and its item in `load_plugins`.
  public static let name = "ipfeed"
  public static let version = FalcoIPFeedVersion.string
  public static let description =
    "Tells whether a connection's address is on falco-ipfeed's list, with its score, source and "
    + "since when, from a data file that is swapped in without a Falco reload"
  public static let contact = "falco-ipfeed maintainers"
  /// Where `make install` puts the library (Falco's plugin directory).
  public static let libraryPath = "/usr/share/falco/plugins/libfalco-ipfeed.so"
  /// The plugin API it is written against: 3.6.0 brought `get_metrics`, the newest entry point
  /// it uses; any 3.x framework at least that new loads it.
  public static let requiredAPIVersion = "3.6.0"
  /// The event schema whose connect, accept and accept4 exit layouts it decodes. Without this
  /// answer Falco assumes 3.0.0 and refuses the plugin when the capture opens.
  public static let requiredEventSchemaVersion = "4.0.0"
  /// The event source whose events it extracts from.
  public static let eventSources = "[\"syscall\"]"
}
