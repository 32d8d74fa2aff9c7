/// The fixed journal `MESSAGE_ID`s of the events a user looks for:
/// `journalctl -u falco-ipfeed MESSAGE_ID=<id>`. Documented in README and explained by the
/// catalog (systemd/falco-ipfeed.catalog). Never change one: scripts and alerts rely on them.
public enum MessageIDs {
  /// A new list was applied (IPFEED_ADDED, IPFEED_REMOVED, IPFEED_TOTAL, IPFEED_SHA256,
  /// IPFEED_SOURCE).
  public static let listApplied = "7d0326c99071454080cae160177ef00d"
  /// The safety guard held an update.
  public static let updateHeld = "ab6b09bcfde94c26947a9a512d39078a"
  /// A source could not be fetched or its feed was rejected (IPFEED_SOURCE, IPFEED_ERROR).
  public static let sourceFailed = "16a22c7b10434ff290920ea99f116bbb"
  /// Falco was made to load the new file (IPFEED_RELOAD says how).
  public static let falcoReloaded = "34ab1a7039844408a913b36e3cf5543c"
  /// Falco could not be made to load the new file (IPFEED_ERROR).
  public static let falcoReloadFailed = "5837e92691f446419c820f966b86fedd"
  /// `falco -V` found the new file invalid; the update was held (IPFEED_ERROR).
  public static let rulesRejectedByFalco = "eaa3ae5a641e4e69a85302c8542ca22d"
}
