import Foundation
import Testing

/// Files the tests read from the package and from beside it.
enum TestPaths {
  /// The package's top directory.
  static let package: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Support
    .deletingLastPathComponent()  // IPFeedSystemTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// The real IPsum snapshot, read where it lies beside the clone, never copied into it.
  static let snapshot = package.appendingPathComponent("../shared/data/ipsum/ipsum-2026-08-22.txt")
    .standardized.path

  static var snapshotExists: Bool { FileManager.default.fileExists(atPath: snapshot) }

  static let skipWithoutSnapshot: Comment =
    "the IPsum snapshot is not at ../shared/data/ipsum/ipsum-2026-08-22.txt beside the clone"

  /// The synthetic sample feed that `make demo` uses.
  static let sampleFeed = package.appendingPathComponent("Tests/Fixtures/sample-ipsum.txt").path

  /// The Falco plugin built beside the test bundle.
  static var plugin: String {
    URL(fileURLWithPath: binary).deletingLastPathComponent()
      .appendingPathComponent("libfalco-ipfeed-plugin.so").path
  }

  /// The `falco-ipfeed` executable built beside the test bundle.
  static let binary: String = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    return bundle.deletingLastPathComponent().appendingPathComponent("falco-ipfeed").path
  }()
}
