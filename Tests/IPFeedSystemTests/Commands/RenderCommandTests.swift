import Foundation
import IPFeedCore
import Testing
import Yams

/// `falco-ipfeed render`: feed files in, rules file out, nothing else touched.
@Suite struct RenderCommandTests {
  private func items(_ output: [UInt8]) throws -> [String] {
    let document = try Yams.load(yaml: String(decoding: output, as: UTF8.self)) as? [[String: Any]]
    return try #require(document?.first?["items"] as? [String])
  }

  /// The snapshot's own count column, read without the project's parser: how many addresses
  /// at least `threshold` lists name, less those in the always-excluded ranges.
  private static let snapshotCounts: [Int: Int] = {
    guard let text = try? String(contentsOfFile: TestPaths.snapshot, encoding: .utf8) else {
      return [:]
    }
    var counts: [Int: Int] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t")
      guard fields.count == 2, let count = Int(fields[1]) else { continue }
      if let address = IPAddress(String(fields[0])),
        SpecialAddressRanges.range(containing: address) != nil
      {
        continue
      }
      for threshold in 1...8 where count >= threshold { counts[threshold, default: 0] += 1 }
    }
    return counts
  }()

  @Test(.enabled(if: TestPaths.snapshotExists, TestPaths.skipWithoutSnapshot), arguments: 1...8)
  func snapshotAtEachThresholdMatchesItsCountColumn(threshold: Int) throws {
    let run = try CommandRun.falcoIPFeed([
      "render", "--threshold", "\(threshold)", TestPaths.snapshot,
    ])
    #expect(run.status == 0, "\(run.error)")
    let listed = try items(run.outputBytes)
    #expect(listed.count == Self.snapshotCounts[threshold])
    #expect(run.output.contains("# Addresses: \(listed.count)\n"))
  }

  @Test func readsStandardInputAndPlainFeeds() throws {
    let run = try CommandRun.falcoIPFeed(
      ["render", "--format", "plain", "--list-name", "bad_hosts", "-"],
      input: Array("; drop list\n9.9.9.9 ; x\n1.1.1.1\n10.0.0.1\n".utf8))
    #expect(run.status == 0, "\(run.error)")
    #expect(try items(run.outputBytes) == ["1.1.1.1", "9.9.9.9"])
    #expect(run.output.contains("- list: bad_hosts\n"))
  }

  @Test func sameInputSameBytes() throws {
    let first = try CommandRun.falcoIPFeed(["render", "--threshold", "1", TestPaths.sampleFeed])
    let second = try CommandRun.falcoIPFeed(["render", "--threshold", "1", TestPaths.sampleFeed])
    #expect(first.status == 0)
    #expect(first.outputBytes == second.outputBytes)
  }

  @Test func rejectedFeedExits1WithTheReason() throws {
    let directory = try TemporaryDirectory()
    let page = try directory.write("page.html", "<!DOCTYPE html>\n<title>404</title>\n")
    let run = try CommandRun.falcoIPFeed(["render", page])
    #expect(run.status == 1)
    #expect(run.output.isEmpty)
    #expect(run.error.contains("source \(page): feed rejected"))
    #expect(run.error.contains("first bad line 1: \"<!DOCTYPE html>\""))
  }

  @Test func missingFileExits1NamingIt() throws {
    let run = try CommandRun.falcoIPFeed(["render", "/nonexistent/feed.txt"])
    #expect(run.status == 1)
    #expect(run.error.contains("/nonexistent/feed.txt"))
  }

  @Test(arguments: [
    (
      ["render", "--threshold", "0", "x"], "--threshold 0 with --format ipsum: a threshold must be"
    ),
    (["render", "--format", "plain", "--threshold", "3", "x"], "the threshold must be 1"),
    (["render", "--list-name", "1bad", "x"], "is not a Falco list name"),
    (["render", "--format", "csv", "x"], "csv"),
  ])
  func badOptionsAreRefused(arguments: [String], message: String) throws {
    let run = try CommandRun.falcoIPFeed(arguments)
    #expect(run.status == 64)
    #expect(run.error.contains(message))
  }

  /// A feed whose rules file takes many writes (it is written as it is rendered), from a file
  /// and from standard input: every address in, each once, in order, the whole file intact.
  @Test func aLargeFeedIsWrittenWhole() throws {
    var lines: [String] = []
    var expected: [String] = []
    for index in 0..<60_000 {
      let address = "11.\(index >> 16).\((index >> 8) & 0xff).\(index & 0xff)"
      expected.append(address)
      // Repeated lines and IPv6 among them, in no address order.
      lines.append("\(address)\t\(index % 9 + 1)\n" + (index % 7 == 0 ? "\(address)\t1\n" : ""))
    }
    var feed = "# generated\n" + lines.reversed().joined()
    for index in 0..<5_000 {
      expected.append("2001:db9::\(String(index + 1, radix: 16))")
      feed += "2001:db9::\(String(index + 1, radix: 16))\t2\n"
    }
    let directory = try TemporaryDirectory()
    let path = try directory.write("large.txt", feed)
    let fromFile = try CommandRun.falcoIPFeed(["render", "--threshold", "1", path])
    let fromInput = try CommandRun.falcoIPFeed(
      ["render", "--threshold", "1", "-"], input: Array(feed.utf8))
    #expect(fromFile.status == 0, "\(fromFile.error)")
    #expect(fromInput.status == 0, "\(fromInput.error)")
    #expect(fromFile.outputBytes.count > 1_000_000)
    #expect(try items(fromFile.outputBytes) == expected)
    #expect(try items(fromInput.outputBytes) == expected)
    #expect(fromFile.output.contains("# Addresses: 65000\n"))
    #expect(fromFile.output.hasSuffix("tags: [network, mitre_command_and_control, TA0011]\n"))
  }
}
