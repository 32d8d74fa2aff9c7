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
    let time = now()
    if commit.isChange { warnIfTheClockWentBack(time) }
    return try journal("write") {
      try database.commit(
        commit, at: time.seconds, outputPath: outputPath, historyDays: historyDays,
        dataPath: dataPath)
    }
  }

  func listedSince() throws -> [IPAddress: Int64] {
    try journal("read") { try database.listedSince() }
  }

  func nextChangeID() throws -> Int64 {
    try journal("read") { try database.nextChangeID() }
  }

  /// Changes are recorded at the wall clock's time, as it is. When it is behind the last
  /// change's (stepped back by hand or by NTP), history's times go back too: say why. History
  /// stays in the order of the changes' numbers.
  private func warnIfTheClockWentBack(_ time: UnixTime) {
    guard let last = try? database.lastChange(), let lastID = last.id, last.time > time.seconds
    else { return }
    let message =
      "the wall clock is behind the last recorded change: this change is recorded at"
      + " \(time.iso8601), before change \(lastID) at \(UnixTime(seconds: last.time).iso8601);"
      + " history lists changes by number, so its times go back here. Check the system clock"
      + " (timedatectl)"
    logger.warning("\(message)", metadata: ["database": "\(database.path)"])
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

  /// The addresses in the rules file, without scores or sources (the file has none); in plugin
  /// mode those of the data file, with theirs.
  private func listFromRulesFile() throws -> AddressList {
    if let dataPath,
      let bytes = try FileSystem.readFile(dataPath, limit: PluginDataFile.maximumFileSize),
      let file = try? PluginDataFile(decoding: bytes)
    {
      logger.warning(
        "the state journal has no applied list yet: taking it from the data file",
        metadata: [
          "path": "\(dataPath)", "addresses": "\(file.count)", "database": "\(database.path)",
        ])
      return AddressList(
        file.entries.map { ListedAddress(address: $0.address, score: $0.score, source: $0.source) })
    }
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
