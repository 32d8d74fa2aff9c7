import IPFeedCore
import Logging

/// The state journal as the update cycle sees it (`StateStore`). Before the first commit (a new
/// state directory, or a database moved aside) the applied list is read from the rules file, so
/// that the first cycle records the real difference, not the whole list as new.
struct JournalStateStore: StateStore {
  var database: StateDatabase
  var outputPath: String
  var listName: String
  var historyDays: Int
  var now: @Sendable () -> UnixTime
  var logger: Logger

  func load() throws -> AppliedState {
    let applied = try database.loadApplied()
    guard applied.file == nil else {
      return AppliedState(
        list: applied.list, sources: applied.sources, config: applied.file?.config)
    }
    return AppliedState(list: try listFromRulesFile(), sources: applied.sources)
  }

  func loadSummary() throws -> AppliedSummary {
    let applied = try database.loadAppliedWithoutList()
    for source in applied.unreadableSources {
      logger.warning(
        "the stored body of a source could not be read back; it is downloaded afresh",
        metadata: ["source": "\(source)", "database": "\(database.path)"])
    }
    return AppliedSummary(
      sources: applied.sources, total: applied.file?.total ?? 0, config: applied.file?.config)
  }

  func commit(_ commit: CycleCommit) throws -> Int64? {
    try database.commit(
      commit, at: now().seconds, outputPath: outputPath, historyDays: historyDays)
  }

  func recordChecks(_ checks: [SourceCheck], ending: CycleEnding) throws {
    try database.recordChecks(checks, ending: ending, at: now().seconds)
  }

  /// The addresses in the rules file, without scores or sources (the file has none).
  private func listFromRulesFile() throws -> AddressList {
    guard let contents = try FileSystem.readFile(outputPath),
      let addresses = FalcoRulesFileReader.addresses(in: contents, listName: listName)
    else { return .empty }
    logger.warning(
      "the state journal has no applied list yet: taking it from the rules file",
      metadata: [
        "path": "\(outputPath)", "addresses": "\(addresses.count)",
        "database": "\(database.path)",
      ])
    return AddressList(addresses.map { ListedAddress(address: $0, score: 0, source: "") })
  }
}
