import IPFeedCore
import Logging

/// The state journal as the update cycle sees it (`StateStore`). Before the first commit (a new
/// state directory, or a database moved aside) the applied list is read from the rules file, so
/// that the first cycle records the real difference, not the whole list as new.
struct JournalStateStore: StateStore {
  var database: StateDatabase
  var outputPath: String
  /// The Falco lists of the rules file (one per tier), to read the list back from it.
  var listNames: [String]
  /// Plugin mode: the data file's path, recorded with each one installed.
  var dataPath: String?
  var historyDays: Int
  var now: @Sendable () -> UnixTime
  var logger: Logger

  func load() throws -> AppliedState {
    let applied = try journal("read") { try database.loadApplied() }
    guard applied.file == nil else {
      return AppliedState(
        list: applied.list, sources: applied.sources, config: applied.file?.config)
    }
    return AppliedState(list: try listFromRulesFile(), sources: applied.sources)
  }

  func loadSummary() throws -> AppliedSummary {
    let applied = try journal("read") { try database.loadAppliedWithoutList() }
    for source in applied.unreadableSources {
      logger.warning(
        "the stored body of a source could not be read back; it is downloaded afresh",
        metadata: ["source": "\(source)", "database": "\(database.path)"])
    }
    return AppliedSummary(
      sources: applied.sources, total: applied.file?.total ?? 0, config: applied.file?.config)
  }

  func commit(_ commit: CycleCommit) throws -> Int64? {
    try journal("write") {
      try database.commit(
        commit, at: now().seconds, outputPath: outputPath, historyDays: historyDays,
        dataPath: dataPath)
    }
  }

  func listedSince() throws -> [IPAddress: Int64] {
    try journal("read") { try database.listedSince() }
  }

  func nextChangeID() throws -> Int64 {
    try journal("read") { try database.nextChangeID() }
  }

  func recordChecks(_ checks: [SourceCheck], ending: CycleEnding) throws {
    try journal("write") { try database.recordChecks(checks, ending: ending, at: now().seconds) }
  }

  /// Runs a database call; an SQLite failure names the file and the fix ("Free some space").
  private func journal<T>(_ doing: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw StateDatabase.explained(error, path: database.path, doing: doing)
    }
  }

  /// The addresses in the rules file, without scores or sources (the file has none).
  private func listFromRulesFile() throws -> AddressList {
    guard let contents = try FileSystem.readFile(outputPath) else { return .empty }
    let lists = listNames.compactMap { FalcoRulesFileReader.addresses(in: contents, listName: $0) }
    guard !lists.isEmpty else { return .empty }
    let addresses = lists.flatMap { $0 }
    logger.warning(
      "the state journal has no applied list yet: taking it from the rules file",
      metadata: [
        "path": "\(outputPath)", "addresses": "\(addresses.count)",
        "database": "\(database.path)",
      ])
    return AddressList(addresses.map { ListedAddress(address: $0, score: 0, source: "") })
  }
}
