import IPFeedCore
import Testing

@Suite struct FalcoReloadPlanTests {
  let output = "/etc/falco/rules.d/falco-ipfeed.yaml"

  private func plan(
    _ mode: ReloadMode, unit: String = "falco.service", pidFile: String = "",
    facts: FalcoConfigFacts?
  ) -> FalcoReloadPlan {
    FalcoReloadPlan.decide(
      FalcoConfig(reload: mode, unit: unit, pidFile: pidFile), outputPath: output, facts: facts,
      readError: facts == nil ? "no such file" : nil)
  }

  @Test func autoWithWatchingFalcoDoesNothing() {
    let decided = plan(.auto, facts: FalcoConfigFacts(watchConfigFiles: true))
    #expect(decided.action == .none)
    #expect(decided.warning == nil)
  }

  @Test func autoWithWatchKeyAbsentDoesNothing() {
    let decided = plan(.auto, facts: FalcoConfigFacts())
    #expect(decided.action == .none)
    #expect(decided.reason.contains("absent"))
  }

  @Test func autoWithoutWatchingRestarts() {
    let decided = plan(.auto, facts: FalcoConfigFacts(watchConfigFiles: false))
    #expect(decided.action == .restartUnit("falco.service"))
  }

  @Test func autoWithoutWatchingAndWithoutUnitWarns() {
    let decided = plan(
      .auto, unit: "", pidFile: "/run/falco.pid", facts: FalcoConfigFacts(watchConfigFiles: false))
    #expect(decided.action == .signalPidFile("/run/falco.pid"))
    #expect(decided.warning?.contains("ignore SIGHUP") == true)
  }

  @Test func autoWithUnreadableConfigSendsSighup() {
    let decided = plan(.auto, facts: nil)
    #expect(decided.action == .signalUnit("falco.service"))
    #expect(decided.reason.contains("could not be read: no such file"))
  }

  @Test func autoWarnsWhenFalcoDoesNotLoadTheFile() {
    let decided = plan(
      .auto,
      facts: FalcoConfigFacts(watchConfigFiles: true, rulesPaths: ["/etc/falco/falco_rules.yaml"]))
    #expect(decided.action == .none)
    #expect(decided.warning?.contains("Falco does not load \(output)") == true)
  }

  @Test(arguments: [
    (["/etc/falco/rules.d"], true),
    (["/etc/falco/rules.d/"], true),
    (["/etc/falco/rules.d/falco-ipfeed.yaml"], true),
    (["/etc/falco/rules"], false),
    (["/etc/falco/rules.d.old"], false),
  ])
  func loadedPaths(paths: [String], loaded: Bool) {
    #expect(FalcoConfigFacts(rulesPaths: paths).loads(output) == loaded)
  }

  @Test func explicitModes() {
    #expect(plan(.none, facts: nil).action == .none)
    #expect(plan(.sighup, facts: nil).action == .signalUnit("falco.service"))
    #expect(
      plan(.sighup, unit: "", pidFile: "/run/f.pid", facts: nil).action
        == .signalPidFile("/run/f.pid"))
    #expect(plan(.restart, facts: nil).action == .restartUnit("falco.service"))
  }

  /// A configured pid file wins over the unit's default, in every mode that signals.
  @Test(arguments: [
    (ReloadMode.sighup, FalcoConfigFacts?.none),
    (.auto, nil),
    (.auto, FalcoConfigFacts(watchConfigFiles: false)),
  ])
  func aConfiguredPidFileIsTheTarget(mode: ReloadMode, facts: FalcoConfigFacts?) {
    let decided = plan(mode, unit: "falco.service", pidFile: "/run/falco.pid", facts: facts)
    #expect(decided.action == .signalPidFile("/run/falco.pid"))
    #expect(decided.description.hasPrefix("SIGHUP to the pid in /run/falco.pid"))
  }
}
