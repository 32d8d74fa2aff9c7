import Foundation
import Testing

/// A fleet behind one HTTP cache, on loopback: an origin nginx, a caching nginx in front of it
/// (`proxy_cache`, the lines README shows), and 200 hosts with separate state directories, each
/// running `falco-ipfeed once` twice at a random delay (jitter). The driver is
/// `Benchmarks/scripts/fleet.py`, which `make bench` also runs.
@Suite struct FleetCacheTests {
  static let driver = TestPaths.package.appendingPathComponent("Benchmarks/scripts/fleet.py").path

  /// A small IPsum feed of public addresses: the fleet is about requests, not parsing.
  static func feed(count: Int) -> String {
    var lines = ["# IPsum Threat Intelligence Feed (synthetic, for the fleet test)"]
    for index in 0..<count {
      lines.append(
        "45.\(index / 65_536 + 10).\(index / 256 % 256).\(index % 256)\t\(index % 7 + 1)")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func theOriginSeesAboutOneRequestPerCachePeriodHoweverManyHosts() throws {
    let directory = try TemporaryDirectory()
    let feed = try directory.write("ipsum.txt", Self.feed(count: 5_000))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Self.driver, TestPaths.binary, feed, "--hosts", "200", "--rounds", "2",
      "--interval", "4", "--jitter", "3", "--cache-seconds", "2", "--json",
    ]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "fleet.py failed (python3 and nginx installed?)")
    let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    func number(_ key: String) -> Double { (report[key] as? NSNumber)?.doubleValue ?? -1 }
    func counts(_ key: String) -> [String: Int] { report[key] as? [String: Int] ?? [:] }

    #expect(number("failed_runs") == 0, "\(report["first_failure"] ?? "")")
    #expect(number("distinct_rules_files") == 1, "every host wrote the same rules file")
    // Every host downloaded the body once and got a 304 at its second poll.
    #expect(counts("cache_statuses") == ["200": 200, "304": 200])
    // The origin sent the body once and then only revalidated it, at most once a cache period
    // (plus one for a period the polls only touch at each end).
    #expect(counts("origin_statuses")["200"] == 1)
    #expect(number("origin_requests") >= 1)
    #expect(number("origin_requests") <= number("cache_periods").rounded(.up) + 1)
    // A 304 costs a few hundred bytes on the wire, the gzip body tens of kilobytes.
    #expect(number("bytes_304") < 1_000)
    #expect(number("bytes_first_poll") > 10_000)
  }
}
