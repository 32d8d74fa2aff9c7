import Foundation
import Testing

/// Recovery before every cycle, through `falco-ipfeed once`: the rules file is put back in
/// agreement with the state journal, and leftovers of a killed run are removed.
@Suite struct RecoveryTests {
  let fixture: OnceFixture

  init() throws {
    fixture = try OnceFixture()
    try fixture.writeFeed([("1.1.1.1", 3), ("2.2.2.2", 3), ("2001:4860:4860::8888", 3)])
    let first = try fixture.once()
    #expect(first.status == 0, "\(first.error)")
  }

  @Test func aMissingRulesFileIsRewrittenFromTheJournal() throws {
    let before = try fixture.rulesFile()
    try FileManager.default.removeItem(atPath: fixture.outputPath)
    #expect(try fixture.outputState() == "missing")
    let run = try fixture.once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("the rules file is missing: rewriting it from the state journal"))
    #expect(run.output.hasPrefix("unchanged: 3 addresses"))
    #expect(try fixture.rulesFile() == before)
    #expect(try fixture.outputState() == "matches")
  }

  @Test func aHandEditedRulesFileIsRewrittenFromTheJournal() throws {
    let before = try fixture.rulesFile()
    try fixture.directory.write(
      "falco/rules.d/falco-ipfeed.yaml", before + Array("    - \"6.6.6.6\"\n".utf8))
    #expect(try fixture.outputState() == "differs")
    let status = try fixture.run("status")
    #expect(status.output.contains("DIFFERS from the state journal"))
    let run = try fixture.once()
    #expect(run.status == 0, "\(run.error)")
    #expect(
      run.error.contains(
        "the rules file differs from the one the state journal says was applied"))
    #expect(try fixture.rulesFile() == before)
    #expect(try fixture.outputState() == "matches")
  }

  @Test func aHalfRenamedInstallIsCleanedUpAndTheUpdateApplied() throws {
    // A run killed after writing its temporary file, before the rename.
    try fixture.directory.write(
      "falco/.falco-ipfeed.yaml.tmp.4242", "# a complete new file that was never renamed\n")
    try fixture.writeFeed([("1.1.1.1", 3), ("2.2.2.2", 3), ("4.4.4.4", 3)])
    let run = try fixture.once()
    #expect(run.status == 0, "\(run.error)")
    #expect(run.error.contains("removed a temporary file left by a killed run"))
    #expect(run.output.hasPrefix("applied: 3 addresses (+1 −1)"))
    #expect(fixture.temporaryFiles().isEmpty)
    #expect(try fixture.listed() == ["1.1.1.1", "2.2.2.2", "4.4.4.4"])
    #expect(try fixture.outputState() == "matches")
  }

  @Test func aDamagedDatabaseGivesTheDocumentedErrorAndMovingItAsideRecovers() throws {
    let database = "\(fixture.stateDirectory)/state.sqlite"
    try fixture.directory.write(
      "state/state.sqlite", String(repeating: "garbage, not SQLite\n", count: 300))
    let run = try fixture.once()
    #expect(run.status == 1)
    #expect(run.error.contains("the state database \(database) is damaged"), "\(run.error)")
    #expect(run.error.contains("mv \(database) \(database).broken"))
    #expect(run.error.contains("the next cycle rebuilds"))
    // status cannot say anything about the list: its own exit status, not "failed" or "not listed".
    let status = try fixture.run("status")
    #expect(status.status == 74)
    #expect(status.error.contains("is damaged"))

    // The documented recovery.
    #expect(rename(database, database + ".broken") == 0)
    let rebuilt = try fixture.once()
    #expect(rebuilt.status == 0, "\(rebuilt.error)")
    #expect(rebuilt.error.contains("taking it from the rules file"))
    #expect(rebuilt.output.hasPrefix("unchanged: 3 addresses"))
    #expect(try fixture.outputState() == "matches")
  }
}
