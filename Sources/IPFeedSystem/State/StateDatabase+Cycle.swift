import GRDB
import IPFeedCore

/// What the update cycle reads from and writes to the journal.
extension StateDatabase {
  /// What the journal says was applied: nil `file` before the first commit.
  struct Applied: Sendable {
    var file: AppliedRecord?
    var list: AddressList
    var sources: [String: SourceState]
    /// Sources whose stored body could not be read back: they start afresh.
    var unreadableSources: [String]
  }

  func loadApplied() throws -> Applied {
    try load(withList: true)
  }

  /// What `loadApplied` returns but with an empty list: the sources and the applied record,
  /// for a cycle to decide whether it needs the list at all (reading 120,000 rows is most of
  /// an unchanged cycle's cost).
  func loadAppliedWithoutList() throws -> Applied {
    try load(withList: false)
  }

  private func load(withList: Bool) throws -> Applied {
    try pool.read { db in
      let file = try AppliedRecord.fetch(db)
      // A new list is made from this one: check the whole journal first, so that a damaged
      // one is named before any file is written.
      if withList { try Self.checkIntegrity(db, path: path) }
      let list = file == nil || !withList ? AddressList.empty : try Self.appliedList(db)
      var sources: [String: SourceState] = [:]
      var unreadable: [String] = []
      for record in try SourceBodyRecord.fetchAll(db) {
        if let state = record.state {
          sources[record.source] = state
        } else {
          unreadable.append(record.source)
        }
      }
      return Applied(file: file, list: list, sources: sources, unreadableSources: unreadable)
    }
  }

  /// The applied file's record, for reconciling the rules file; nil before the first commit.
  func appliedRecord() throws -> AppliedRecord? {
    try pool.read { db in try AppliedRecord.fetch(db) }
  }

  /// The applied list, for rewriting the rules file from the journal (checked in full first).
  func appliedList() throws -> AddressList {
    try pool.read { db in
      try Self.checkIntegrity(db, path: path)
      return try Self.appliedList(db)
    }
  }

  /// Records the rules file's identity, found to hold the file whose digest is `sha256`.
  func recordFileIdentity(_ identity: String, sha256: String) throws {
    try pool.write { db in
      try db.execute(
        sql: "UPDATE applied SET file_identity = ? WHERE id = 1 AND sha256 = ?",
        arguments: [identity, sha256])
    }
  }

  /// Records that the rules file was rewritten from the journal (recovery): its new digest.
  func recordRestoredFile(sha256: String, outputPath: String, at time: Int64) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          UPDATE applied SET sha256 = ?, output_path = ?, applied_at = ?, file_identity = NULL
          WHERE id = 1
          """,
        arguments: [sha256, outputPath, time])
    }
  }

  /// Records one cycle that reached the rules file, in one transaction. Returns the change id.
  func commit(
    _ commit: CycleCommit, at time: Int64, outputPath: String, historyDays: Int,
    dataPath: String? = nil
  ) throws -> Int64? {
    let sha256 = SHA256Digest.hex(commit.rulesFile)
    let dataSHA256 = commit.dataFile.map { SHA256Digest.hex($0.contents) }
    return try pool.write { db in
      let previous = try AppliedRecord.fetch(db)
      // The first commit writes the whole list, and usually records all of it as added: one
      // set of texts (the most of preparing the rows) serves both.
      let listTexts = previous == nil ? AddressTexts(commit.list.entries.lazy.map(\.address)) : nil
      let addedTexts = commit.diff.added.count == commit.list.count ? listTexts : nil
      var changeID: Int64?
      if commit.isChange {
        // Plugin mode: the change is the data file's generation, and its digest the data file's
        // (the rules file stays the same from one list to the next).
        var change = ChangeRecord(
          id: commit.dataFile?.generation, time: time, added: commit.diff.added.count,
          removed: commit.diff.removed.count, total: commit.list.count,
          sha256: dataSHA256 ?? sha256, forced: commit.forced)
        try change.insert(db)
        changeID = change.id
        try Self.insertChangeSources(db, commit, changeID: change.id!)
        try Self.insertChangeAddresses(
          db, commit.diff, changeID: change.id!, addedTexts: addedTexts)
      }
      try Self.updateAppliedList(
        db, commit, changeID: changeID, at: commit.dataFile?.listedAt ?? time,
        replaceAllWith: listTexts)
      if let dataFile = commit.dataFile, let dataSHA256, let dataPath {
        try DataFileRecord(
          path: dataPath, generation: dataFile.generation, sha256: dataSHA256,
          total: commit.list.count, writtenAt: time
        ).save(db)
      } else if !commit.diff.isEmpty || !commit.rescored.isEmpty {
        // A new list in rules mode: a data file from an earlier plugin mode is out of date.
        try db.execute(sql: "DELETE FROM applied_data_file")
      }
      try AppliedRecord(
        total: commit.list.count, sha256: sha256, outputPath: outputPath,
        appliedAt: commit.fileInstalled || previous == nil ? time : previous!.appliedAt,
        changeId: changeID ?? previous?.changeId, config: commit.config
      ).save(db)
      for (name, state) in commit.updatedSources {
        let stored = try SourceBodyRecord.fetchOne(db, key: name)
        try SourceBodyRecord(state, name: name, at: time, previous: stored).save(db)
      }
      try Self.writeChecks(db, commit.checks, ending: commit.ending, at: time)
      if changeID != nil {
        try Self.pruneHistory(db, olderThan: time - Int64(max(historyDays, 0)) * 86_400)
      }
      return changeID
    }
  }

  /// Records the checks of a cycle that applied nothing.
  func recordChecks(_ checks: [SourceCheck], ending: CycleEnding, at time: Int64) throws {
    try pool.write { db in
      try Self.writeChecks(db, checks, ending: ending, at: time)
    }
  }

  /// Records when the daemon polls next, for `status`.
  func recordNextPoll(_ time: Int64) throws {
    try pool.write { db in
      try db.execute(sql: "UPDATE last_cycle SET next_poll = ? WHERE id = 1", arguments: [time])
    }
  }

  /// Marks the rules file as not yet loaded by Falco (keeps the first time it failed).
  func setReloadPending(error: String, at time: Int64) throws {
    try pool.write { db in
      try db.execute(
        sql: """
          INSERT INTO falco_reload_pending (id, since, error) VALUES (1, ?, ?)
          ON CONFLICT (id) DO UPDATE SET error = excluded.error
          """, arguments: [time, error])
    }
  }

  func clearReloadPending() throws {
    try pool.write { db in try db.execute(sql: "DELETE FROM falco_reload_pending") }
  }

  /// Since when, and why, Falco has not loaded the rules file; nil when it has.
  func reloadPending() throws -> StateQueries.ReloadPending? {
    try pool.read(StateQueries.reloadPending)
  }

  /// Plugin mode: the data file last installed; nil before the first.
  func dataFile() throws -> DataFileRecord? {
    try pool.read { db in try DataFileRecord.fetch(db) }
  }

  /// Records a data file rewritten from the journal (recovery).
  func recordRestoredDataFile(_ record: DataFileRecord) throws {
    try pool.write { db in try record.save(db) }
  }

  /// Since when each applied address is listed.
  func listedSince() throws -> [IPAddress: Int64] {
    try pool.read { db in
      var since: [IPAddress: Int64] = [:]
      since.reserveCapacity(
        try Int.fetchOne(db, sql: "SELECT total FROM applied WHERE id = 1") ?? 0)
      let rows = try RowStatement(db, sql: "SELECT address, since FROM applied_address")
      while try rows.step() {
        guard let address = rows.withText(0, { IPAddress(ascii: $0) }) else { continue }
        since[address] = rows.int64(1)
      }
      return since
    }
  }

  /// The id the next change gets: `change` ids are never reused (AUTOINCREMENT).
  func nextChangeID() throws -> Int64 {
    try pool.read { db in
      let used = try Int64.fetchOne(
        db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'change'")
      let highest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM change")
      return max(used ?? 0, highest ?? 0) + 1
    }
  }

  /// The last change recorded.
  func lastChange() throws -> ChangeRecord? {
    try pool.read(StateQueries.lastChange)
  }

  // MARK: - Inside the transaction

  static func appliedList(_ db: Database) throws -> AddressList {
    var entries: [ListedAddress] = []
    entries.reserveCapacity(
      try Int.fetchOne(db, sql: "SELECT total FROM applied WHERE id = 1") ?? 0)
    // Source names repeat on every row: one String per run of the same name.
    var source = ""
    let rows = try RowStatement(db, sql: "SELECT address, score, source FROM applied_address")
    while try rows.step() {
      guard let address = rows.withText(0, { IPAddress(ascii: $0) }) else { continue }
      if !rows.text(2, equals: source) {
        source = rows.string(2)
      }
      entries.append(ListedAddress(address: address, score: rows.int(1), source: source))
    }
    // Read in the table's order (by text). Canonical texts make the addresses unique; a row
    // edited by hand into a second text of one address goes as AddressList does.
    let sorted = sortedByAddress(entries)
    if zip(sorted, sorted.dropFirst()).contains(where: { $0.address == $1.address }) {
      return AddressList(entries)
    }
    return AddressList(sortedUniqueEntries: sorted)
  }

  /// `entries` in the list's order, IPv4 addresses first: those by an integer sort of
  /// (address, index) keys, four times quicker than comparing entries; the IPv6 ones (few) by
  /// comparison.
  private static func sortedByAddress(_ entries: [ListedAddress]) -> [ListedAddress] {
    var ipv4: [UInt64] = []
    ipv4.reserveCapacity(entries.count)
    var ipv6: [Int] = []
    for (index, entry) in entries.enumerated() {
      switch entry.address {
      case .v4(let value): ipv4.append(UInt64(value) << 32 | UInt64(index))
      case .v6: ipv6.append(index)
      }
    }
    ipv4.sort()
    ipv6.sort { entries[$0].address < entries[$1].address }
    var sorted: [ListedAddress] = []
    sorted.reserveCapacity(entries.count)
    for key in ipv4 { sorted.append(entries[Int(truncatingIfNeeded: key & 0xFFFF_FFFF)]) }
    for index in ipv6 { sorted.append(entries[index]) }
    return sorted
  }

  private static func insertChangeSources(
    _ db: Database, _ commit: CycleCommit, changeID: Int64
  ) throws {
    for check in commit.checks {
      let record: ChangeSourceRecord
      if let state = commit.updatedSources[check.source] {
        record = ChangeSourceRecord(
          changeId: changeID, source: check.source, url: state.url, body: .downloaded,
          etag: state.validators.etag, lastModified: state.validators.lastModified,
          bodyBytes: state.bodyBytes, entries: state.feed.entries.count)
      } else if let stored = try SourceBodyRecord.fetchOne(db, key: check.source),
        stored.url == check.url
      {
        record = ChangeSourceRecord(
          changeId: changeID, source: check.source, url: stored.url,
          body: check.result == .notModified ? .notModified : .lastGood, etag: stored.etag,
          lastModified: stored.lastModified, bodyBytes: stored.bodyBytes,
          entries: stored.entryCount)
      } else {
        continue  // contributed nothing
      }
      try record.insert(db)
    }
  }

  /// `addedTexts`: those of `diff.added`, when already made.
  private static func insertChangeAddresses(
    _ db: Database, _ diff: ListDiff, changeID: Int64, addedTexts: AddressTexts?
  ) throws {
    for (event, entries) in [("added", diff.added), ("removed", diff.removed)] {
      let insert = try BatchInsert(
        db, "INSERT INTO change_address (address, change_id, event, score, source)",
        row: "(?, ?, '\(event)', ?, ?)", parameters: 4, count: entries.count)
      let texts =
        event == "added"
        ? addedTexts ?? AddressTexts(entries.lazy.map(\.address))
        : AddressTexts(entries.lazy.map(\.address))
      for index in texts.order {
        let entry = entries[index]
        try insert.add { row in
          texts.withText(index) { row.bind(1, utf8: $0) }
          row.bind(2, changeID)
          row.bind(3, entry.score)
          row.bind(4, entry.source)
        }
      }
    }
  }

  /// Applies the diff to `applied_address`; on the first commit (the list was taken from the
  /// rules file, or is empty) writes the whole list, whose texts `listTexts` holds.
  private static func updateAppliedList(
    _ db: Database, _ commit: CycleCommit, changeID: Int64?, at time: Int64,
    replaceAllWith listTexts: AddressTexts?
  ) throws {
    if let listTexts {
      try db.execute(sql: "DELETE FROM applied_address")
      let entries = commit.list.entries
      let added = addedFlags(entries, added: commit.diff.added)
      try insertApplied(db, entries, texts: listTexts, at: time) { added[$0] ? changeID : nil }
      return
    }
    let delete = try RowStatement(db, sql: "DELETE FROM applied_address WHERE address = ?")
    let removed = AddressTexts(commit.diff.removed.lazy.map(\.address))
    for index in removed.order {
      removed.withText(index) { delete.bind(1, utf8: $0) }
      try delete.execute()
    }
    let added = commit.diff.added
    try insertApplied(db, added, texts: AddressTexts(added.lazy.map(\.address)), at: time) {
      _ in changeID
    }
    let rescore = try RowStatement(
      db, sql: "UPDATE applied_address SET score = ?, source = ? WHERE address = ?")
    let rescored = commit.rescored
    let rescoredTexts = AddressTexts(rescored.lazy.map(\.address))
    for index in rescoredTexts.order {
      rescore.bind(1, rescored[index].score)
      rescore.bind(2, rescored[index].source)
      rescoredTexts.withText(index) { rescore.bind(3, utf8: $0) }
      try rescore.execute()
    }
  }

  /// Inserts `entries` (whose texts `texts` holds) into `applied_address`, listed since `time`
  /// and the change that `sinceChange` gives for each entry's index.
  private static func insertApplied(
    _ db: Database, _ entries: [ListedAddress], texts: AddressTexts, at time: Int64,
    sinceChange: (Int) -> Int64?
  ) throws {
    let insert = try BatchInsert(
      db, "INSERT OR REPLACE INTO applied_address (address, score, source, since, since_change)",
      row: "(?, ?, ?, ?, ?)", parameters: 5, count: entries.count)
    for index in texts.order {
      let entry = entries[index]
      try insert.add { row in
        texts.withText(index) { row.bind(1, utf8: $0) }
        row.bind(2, entry.score)
        row.bind(3, entry.source)
        row.bind(4, time)
        row.bind(5, sinceChange(index))
      }
    }
  }

  /// For each entry of the sorted `entries`, whether it is in the sorted `added` (a subsequence
  /// of it): one pass over both.
  private static func addedFlags(_ entries: [ListedAddress], added: [ListedAddress]) -> [Bool] {
    var flags = [Bool](repeating: false, count: entries.count)
    var next = 0
    for (index, entry) in entries.enumerated() where next < added.count {
      while next < added.count && added[next].address < entry.address { next += 1 }
      if next < added.count && added[next].address == entry.address {
        flags[index] = true
        next += 1
      }
    }
    return flags
  }

  private static func writeChecks(
    _ db: Database, _ checks: [SourceCheck], ending: CycleEnding, at time: Int64
  ) throws {
    for check in checks {
      let previous = try SourceCheckRecord.fetchOne(db, key: check.source)
      try SourceCheckRecord(check, at: time, previous: previous).save(db)
    }
    let nextPoll = try LastCycleRecord.fetch(db)?.nextPoll
    try LastCycleRecord(time: time, outcome: ending.code, detail: ending.detail, nextPoll: nextPoll)
      .save(db)
  }

  /// `history_days`: drops the per-address rows of changes older than `cutoff`; the changes'
  /// summaries stay.
  private static func pruneHistory(_ db: Database, olderThan cutoff: Int64) throws {
    guard
      let newestOld = try Int64.fetchOne(
        db, sql: "SELECT MAX(id) FROM change WHERE time < ?", arguments: [cutoff])
    else { return }
    try db.execute(
      sql: "DELETE FROM change_address WHERE change_id <= ?", arguments: [newestOld])
  }
}
