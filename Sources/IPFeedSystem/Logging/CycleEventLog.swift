import IPFeedCore
import Logging

/// Logs what a cycle did as the journal entries users look for, each with its fixed
/// `MESSAGE_ID` and its data in fields.
public struct CycleEventLog {
  public var logger: Logger

  public init(logger: Logger) {
    self.logger = logger
  }

  public func log(_ report: CycleReport, sha256: String?, reloadPlan: FalcoReloadPlan?) {
    for source in report.sources {
      guard let failure = source.failure else { continue }
      logger.error(
        "source failed",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.sourceFailed)", "source": "\(source.name)",
          "error": "\(failure)",
        ])
    }
    logExclusions(report.exclusions)
    let sources = report.sources.filter { $0.feedUsed != nil }.map(\.name)
      .joined(separator: ",")
    switch report.outcome {
    case .applied(let diff):
      logger.notice(
        "list applied",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.listApplied)",
          "added": "\(diff.added.count)", "removed": "\(diff.removed.count)",
          "total": "\(report.total)", "sha256": "\(sha256 ?? "")", "source": "\(sources)",
        ])
    case .rewritten:
      // Plugin mode rewrites the data file alone for new scores, or when it was missing.
      let file = report.rulesFileInstalled ? "rules file" : "data file"
      var metadata: Logger.Metadata = ["total": "\(report.total)", "sha256": "\(sha256 ?? "")"]
      if let generation = report.dataFileGeneration { metadata["generation"] = "\(generation)" }
      logger.warning("\(file) rewritten with the applied list", metadata: metadata)
    case .held(let hold):
      logger.warning(
        "update held by the safety guard",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.updateHeld)", "reason": "\(hold)",
          "total": "\(report.total)",
        ])
    case .rejectedByFalco(let rejection):
      logger.error(
        rejection.cause == .invalid
          ? "new rules file rejected by Falco, update held"
          : "falco -V could not check the new rules file (falco.validate is always), update held"
            as Logger.Message,
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.rulesRejectedByFalco)",
          "error": "\(rejection.detail)",
        ])
    case .unchanged, .noData:
      break
    }
    // Only a new rules file reloads Falco: a new list in plugin mode asks nothing of it.
    if report.rulesFileInstalled, let reloadPlan { logReload(report, reloadPlan) }
  }

  private func logReload(_ report: CycleReport, _ plan: FalcoReloadPlan) {
    if let failure = report.reloadFailure {
      logger.error(
        "Falco reload failed",
        metadata: [
          JournalFields.messageIDKey: "\(MessageIDs.falcoReloadFailed)", "error": "\(failure)",
        ])
    } else if plan.action != .none {
      logger.notice(
        "Falco reloaded",
        metadata: [JournalFields.messageIDKey: "\(MessageIDs.falcoReloaded)", "reload": "\(plan)"])
    }
  }

  /// One line for everything the policy left out, so that a feed naming loopback or private
  /// addresses shows in the log without flooding it.
  private func logExclusions(_ exclusions: ExclusionReport) {
    var metadata: Logger.Metadata = [:]
    let below = exclusions.belowThreshold.filter { $0.value > 0 }.sorted { $0.key < $1.key }
    if !below.isEmpty {
      metadata["below_threshold"] =
        "\(below.map { "\($0.key):\($0.value)" }.joined(separator: ","))"
    }
    let special = SpecialAddressRanges.alwaysExcluded.compactMap { range in
      exclusions.specialRanges[range.prefix].map { "\(range.prefix):\($0)" }
    }
    if !special.isEmpty { metadata["special_ranges"] = "\(special.joined(separator: ","))" }
    let configured = exclusions.configured.sorted { $0.key.description < $1.key.description }
    if !configured.isEmpty {
      metadata["excluded"] = "\(configured.map { "\($0.key):\($0.value)" }.joined(separator: ","))"
    }
    guard !metadata.isEmpty else { return }
    logger.info("feed entries left out of the list", metadata: metadata)
  }
}
