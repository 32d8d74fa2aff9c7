internal import CMalloc
import IPFeedCore

/// What the daemon (`Daemon`) needs of the update machinery.
extension UpdateRunner: DaemonCycleRunner {
  public func runCycle() throws(CycleError) -> DaemonCycleResult {
    // What the cycle has freed already goes back at once; what its result holds, once the
    // daemon drops it (`releaseMemory()`).
    defer { releaseMemory() }
    let report = try runOnce()
    // The journal's last change, for the status line after a cycle that changed nothing.
    let last = try? lastChange()
    return DaemonCycleResult(report: report, lastChange: last ?? nil)
  }

  public func releaseMemory() {
    // A changed cycle's lists and buffers (tens of MB) are freed by now, but glibc keeps the
    // pages for reuse: give them back, since the next cycle is hours away. The state journal's
    // page caches first, so that their pages go back too.
    releaseJournalMemory()
    malloc_trim(0)
  }

  public func logSetup() {
    logger.info("Falco reload", metadata: ["plan": "\(reloadPlan)"])
    if config.output.mode == .plugin,
      let facts = try? FalcoConfigReader.facts(at: config.falco.config),
      let problem = FalcoPluginSetup.problem(with: facts, falcoConfigPath: config.falco.config)
    {
      logger.warning(
        "plugin mode: Falco's config does not load the plugin, so Falco cannot use the rules file",
        metadata: ["problem": "\(problem)", "fix": "falco-ipfeed falco-config prints the lines"])
    }
    if let warning = reloadPlan.warning {
      logger.warning("Falco reload setup needs attention", metadata: ["problem": "\(warning)"])
    }
    switch (config.falco.validate, FalcoRulesValidator.forConfig(config)) {
    case (.never, _):
      logger.info("new rules files are not checked with falco -V (falco.validate is never)")
    case (_, let validator?) where FalcoRulesValidator.resolve(validator.binary) != nil:
      logger.info(
        "new rules files are checked with falco -V before they are installed",
        metadata: ["falco": "\(validator.binary)"])
    case (.always, _):
      logger.error(
        "falco.validate is always but no Falco binary was found: every update will be held",
        metadata: ["binary": "\(config.falco.binary)"])
    default:
      logger.notice(
        "no Falco binary found: new rules files are installed without a falco -V check",
        metadata: ["binary": "\(config.falco.binary)"])
    }
  }
}
