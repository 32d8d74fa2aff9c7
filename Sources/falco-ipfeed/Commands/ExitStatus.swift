import IPFeedSystem

/// Exit statuses other tools rely on.
enum ExitStatus {
  static let failed: Int32 = 1
  static let heldBySafetyGuard: Int32 = 3
  /// EX_CONFIG from sysexits.h: systemd can be told not to restart on it.
  static let invalidConfig: Int32 = 78
}

/// A line on standard error.
func printError(_ message: String) {
  StandardStreams.writeErrorLine("falco-ipfeed: \(message)")
}
