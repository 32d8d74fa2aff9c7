/// The version, in one place: the User-Agent, the rules file header and `--version` use it.
public enum FalcoIPFeedVersion {
  public static let string = "0.1.0"
}
