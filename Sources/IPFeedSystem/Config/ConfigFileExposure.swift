import IPFeedCore

/// Whether a config file shows its sources' credentials to every user of the host: its URLs
/// carry user info or a query (where API keys live), and the file is readable by others. The
/// state directory is 0750 for the same URLs; the config needs the same care.
public enum ConfigFileExposure {
  /// A warning naming the file, the sources and the `chmod` that fixes it; nil when the file is
  /// not readable by others or no URL carries credentials.
  public static func warning(path: String, config: Config) -> String? {
    let exposed = config.sources.filter(\.url.hasCredentials).map(\.name)
    guard !exposed.isEmpty, let mode = FileSystem.permissions(of: path), mode & 0o004 != 0
    else { return nil }
    return "\(path) is readable by every user (mode \(octal(mode))) and the url of source"
      + " \(exposed.joined(separator: ", ")) carries credentials (user info or a query): run"
      + " chmod \(octal(mode & ~0o007)) \(path), so that only its owner and group can read it"
  }

  /// `0644`: four octal digits, as chmod takes them.
  private static func octal(_ mode: UInt32) -> String {
    let digits = String(mode, radix: 8)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
