import Foundation
import IPFeedCore
import IPFeedSystem
import Testing

/// Shared by the HTTP tests.
enum HTTPTestSupport {
  /// The IPsum snapshot, read from its place beside the package (never copied into it).
  static let snapshotPath = TestPaths.snapshot

  static var snapshotExists: Bool { TestPaths.snapshotExists }

  /// A generated feed in IPsum's format, `count` lines.
  static func generatedFeed(count: Int, seed: Int = 1) -> [UInt8] {
    var text = "# generated feed for tests\n"
    for index in 0..<count {
      let value = (index &* 2_654_435_761 &+ seed) & 0xFFFF_FFFF
      text += "\(value >> 24 & 0xFF).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
      text += "\t\(index % 10 + 1)\n"
    }
    return Array(text.utf8)
  }

  static func request(_ url: String, _ validators: HTTPValidators = .none) -> FetchRequest {
    FetchRequest(source: "test-feed", url: FeedURL(stringLiteral: url), validators: validators)
  }

  /// The error of a fetch that must fail; records an issue and returns nil when it succeeds.
  static func failure(
    of fetcher: CurlFeedFetcher, _ url: String, _ validators: HTTPValidators = .none,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> FetchError? {
    do {
      let result = try fetcher.fetch(request(url, validators))
      Issue.record("expected \(url) to fail, got \(result)", sourceLocation: sourceLocation)
      return nil
    } catch {
      return error
    }
  }

  /// Compressed `count` zero bytes, made by /bin/gzip: a gzip bomb when `count` is large.
  static func gzippedZeros(count: Int) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "head -c \(count) /dev/zero | gzip -9 -c"]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestServerError("gzip failed: exit \(process.terminationStatus)")
    }
    return [UInt8](data)
  }
}
