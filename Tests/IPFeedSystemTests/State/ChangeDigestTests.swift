import Foundation
import Testing

@testable import IPFeedSystem

/// The SHA-256 that the log entry of an applied change carries is the rules file's, as `history`
/// shows it.
@Suite struct ChangeDigestTests {
  @Test func theLoggedDigestIsTheRulesFilesAndHistorys() throws {
    let fixture = try OnceFixture()
    for lines in [[("1.1.1.1", 3), ("2.2.2.2", 3)], [("1.1.1.1", 3), ("3.3.3.3", 4)]] {
      try fixture.writeFeed(lines)
      let run = try fixture.once()
      #expect(run.status == 0, "\(run.error)")
      let digest = SHA256Digest.hex(try fixture.rulesFile())
      #expect(run.error.contains("list applied"), "\(run.error)")
      #expect(run.error.contains("sha256=\(digest)"), "\(run.error)")
      let history = try jsonObject(try fixture.run("history", ["--json", "--limit", "1"]).output)
      let newest = (history["changes"] as? [[String: Any]])?.first
      #expect(newest?["sha256"] as? String == digest)
    }
  }
}
