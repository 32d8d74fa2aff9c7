import Foundation
import Testing

/// The shipped unit: what systemd needs to run the daemon, and how exposed it is.
@Suite struct UnitFileTests {
  let unitPath = TestPaths.package.appendingPathComponent("systemd/falco-ipfeed.service").path

  private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
  }

  @Test func exposureScoreIsTwoOrLess() throws {
    let result = try run(["systemd-analyze", "security", "--offline=true", unitPath])
    let line = try #require(
      result.output.split(separator: "\n").first { $0.contains("Overall exposure level") },
      "systemd-analyze printed no score: \(result.output)")
    let score = try #require(
      line.split(separator: " ").compactMap { Double($0) }.first, "no number in: \(line)")
    #expect(score <= 2.0, "\(line)")
  }

  @Test(arguments: [
    "Type=notify", "ExecStart=/usr/local/bin/falco-ipfeed run",
    "ExecReload=/bin/kill -HUP $MAINPID", "Restart=on-failure", "StateDirectory=falco-ipfeed",
    "ConfigurationDirectory=falco-ipfeed", "After=network-online.target",
    "Wants=network-online.target", "ReadWritePaths=-/etc/falco", "RestartPreventExitStatus=78",
  ])
  func hasDirective(directive: String) throws {
    let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
    #expect(unit.split(separator: "\n").contains { $0 == directive })
  }

  @Test func watchdogIsSet() throws {
    let unit = try String(contentsOfFile: unitPath, encoding: .utf8)
    #expect(unit.split(separator: "\n").contains { $0.hasPrefix("WatchdogSec=") })
  }

  @Test func systemdAcceptsTheUnit() throws {
    let result = try run(["systemd-analyze", "verify", "--man=no", unitPath])
    // verify complains about the binary missing on a build host; nothing else may show.
    let complaints = result.output.split(separator: "\n").filter {
      !$0.contains("/usr/local/bin/falco-ipfeed") && !$0.isEmpty
    }
    #expect(complaints.isEmpty, "\(result.output)")
  }
}
