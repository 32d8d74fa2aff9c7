import Foundation

/// The built harness and plugin libraries, found beside the test bundle.
enum PluginPaths {
  /// The build directory of this configuration (.build/debug).
  static let buildDirectory: URL = URL(fileURLWithPath: CommandLine.arguments[0])
    .resolvingSymlinksInPath().deletingLastPathComponent()

  static let package: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // IPFeedPluginTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  static let harness = buildDirectory.appendingPathComponent("falco-plugin-harness").path
  static let debugLibrary = buildDirectory.appendingPathComponent("libfalco-ipfeed-plugin.so").path
  /// What `make build` produces and `make install` installs.
  static let releaseLibrary = package.appendingPathComponent(
    ".build/release/libfalco-ipfeed-plugin.so"
  ).path

  /// 11 raw events that a live Falco 0.44.1 handed to a plugin (see the README beside them).
  static let liveEvents = package.appendingPathComponent(
    "Tests/Fixtures/falco-events/live-connect-accept.bin"
  ).path

  static let snapshot = package.appendingPathComponent("../shared/data/ipsum/ipsum-2026-08-22.txt")
    .standardized.path
}
