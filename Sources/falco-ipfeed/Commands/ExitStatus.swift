import IPFeedSystem

/// Exit statuses other tools rely on.
enum ExitStatus {
  static let failed: Int32 = 1
  static let heldBySafetyGuard: Int32 = 3
  /// EX_IOERR from sysexits.h: `status`, `history` and `lookup` cannot read the state journal,
  /// so they cannot answer. Never 1: `lookup` says "not listed" with 1.
  static let stateUnreadable: Int32 = 74
  /// EX_CONFIG from sysexits.h: systemd can be told not to restart on it.
  static let invalidConfig: Int32 = 78
}

/// A line on standard error.
func printError(_ message: String) {
  StandardStreams.writeErrorLine("falco-ipfeed: \(message)")
}
