import IPFeedCore
import Testing

@Suite struct SafetyGuardTests {
  private func diff(added: Int, removed: Int) -> ListDiff {
    let entry = ListedAddress(address: IPAddress("8.8.8.8")!, score: 1, source: "s")
    return ListDiff(
      added: Array(repeating: entry, count: added), removed: Array(repeating: entry, count: removed)
    )
  }

  @Test(arguments: [
    // previous, added, removed, held?
    (100, 0, 50, false),
    (100, 0, 51, true),
    (100, 60, 51, true),
    (0, 10, 0, false),
    (1, 0, 1, true),
  ])
  func removalLimit(previous: Int, added: Int, removed: Int, held: Bool) {
    let safety = SafetyGuard(maxRemovedPercent: 50, minEntries: 0)
    #expect(
      (safety.hold(previousCount: previous, diff: diff(added: added, removed: removed)) != nil)
        == held)
  }

  @Test func minimumEntries() {
    let safety = SafetyGuard(maxRemovedPercent: 100, minEntries: 5)
    #expect(safety.hold(previousCount: 0, diff: diff(added: 4, removed: 0)) != nil)
    #expect(safety.hold(previousCount: 0, diff: diff(added: 5, removed: 0)) == nil)
  }

  @Test func messageSaysHowManyAndHowToOverride() throws {
    let safety = SafetyGuard(maxRemovedPercent: 50, minEntries: 1)
    let hold = try #require(safety.hold(previousCount: 200, diff: diff(added: 0, removed: 150)))
    #expect(hold.description.contains("remove 150 of 200 addresses (75.0%)"))
    #expect(hold.description.contains("safety.max_removed_percent (50)"))
    #expect(hold.description.contains("--force"))
  }
}
