import GRDB
import Glibc
import IPFeedCore
import Logging

/// The state journal: `state_directory/state.sqlite`, an SQLite database in WAL mode, so that
/// `status`, `history` and `lookup` read while a cycle writes. Open it once and keep it: the
/// daemon reuses one for every cycle.
public final class StateDatabase: Sendable {
  public static let fileName = "state.sqlite"

  public let directory: String
  public let path: String
  let pool: DatabasePool
  /// The file that was opened (device and inode), to notice it deleted or replaced.
  private let identity: FileIdentity?

  private init(directory: String, path: String, pool: DatabasePool) {
    self.directory = directory
    self.path = path
    self.pool = pool
    self.identity = FileIdentity(of: path)
  }

  /// False once the file at `path` is no longer the one opened: deleted, moved away or
  /// replaced (with the state directory, maybe). Writing on would go to a file nobody reads.
  public var isStillAtItsPath: Bool {
    identity != nil && FileIdentity(of: path) == identity
  }

  /// Closes the database; a write-ahead log it still holds is checkpointed into the file it
  /// belongs to.
  public func close() throws {
    try pool.close()
  }

  /// Frees what the connections hold between cycles: each one's page cache (up to 2 MB
  /// after reading or writing a whole list) and prepared statements; the readers are closed
  /// (the next read opens one again). The daemon calls it after each cycle, hours before the
  /// next.
  public func releaseMemory() {
    pool.releaseMemory()
  }

  /// The database path in `directory`.
  public static func path(in directory: String) -> String {
    "\(directory)/\(fileName)"
  }

  /// When `open` checks the whole file (`PRAGMA quick_check`, which reads every page).
  public enum IntegrityCheck: Sendable {
    /// Always.
    case always
    /// Only when the last process that wrote it stopped without closing it (killed, a power
    /// cut, or the daemon, which keeps it open until it exits): it left a write-ahead log with
    /// content behind. The cycles that write a list or
    /// a file from the journal check it in full anyway (`loadApplied`, `appliedList`); a cycle
    /// that changes nothing relies on SQLite, which reports a damaged page it reads
    /// (SQLITE_CORRUPT).
    case afterUncleanStop
  }

  /// Opens the journal for cycles: creates the directory (mode 0750) and the database when
  /// missing, checks its integrity as `check` says and brings its schema up to date. Call it
  /// while holding the cycle lock.
  ///
  /// The directory is 0750, not world-readable: the journal holds the sources' URLs, which may
  /// carry credentials (the rules file shows them redacted), and the group can still be given
  /// read access for `status`.
  public static func open(
    directory: String, logger: Logger, check: IntegrityCheck = .always
  ) throws(StateError) -> StateDatabase {
    let path = path(in: directory)
    do {
      try createStateDirectory(directory)
    } catch {
      throw StateError(.unusable, "could not create the state directory: \(error)")
    }
    setAsideOrphanedLogs(of: path, logger: logger)
    let checkNow = check == .always || leftUnclosed(path)
    let pool: DatabasePool
    do {
      pool = try DatabasePool(path: path, configuration: configuration(readonly: false))
    } catch {
      throw stateError(error, path: path, doing: "open")
    }
    do {
      if checkNow { try pool.read { db in try checkIntegrity(db, path: path) } }
      let migrator = StateSchema.migrator
      if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
        throw StateError(
          .unusable,
          "the state database \(path) was written by a newer falco-ipfeed: run that version,"
            + " or move the database aside (mv \(path) \(path).newer) to rebuild the state")
      }
      try migrator.migrate(pool)
    } catch let error as StateError {
      throw error
    } catch {
      throw stateError(error, path: path, doing: "check")
    }
    return StateDatabase(directory: directory, path: path, pool: pool)
  }

  /// `PRAGMA quick_check`: every page of every table, read and its structure checked (the
  /// b-trees, their cells and the free list; not the values). Its cost grows with the file:
  /// about 20 ms for a 120,000-address list and its first change.
  static func checkIntegrity(_ db: Database, path: String) throws {
    let problems = try String.fetchAll(db, sql: "PRAGMA quick_check")
    if problems != ["ok"] {
      throw StateError.damaged(
        path, detail: "integrity check: " + problems.prefix(3).joined(separator: "; "))
    }
  }

  /// Whether the database at `path` was left open by a process that did not close it: SQLite
  /// removes the write-ahead log when the last connection closes, and a reader leaves at most
  /// an empty one. A daemon that has it open right now counts too (it is only checked more).
  private static func leftUnclosed(_ path: String) -> Bool {
    var status = stat()
    return stat(path + "-wal", &status) == 0 && status.st_size > 0
  }

  /// SQLite settings: WAL (DatabasePool's default), a full sync of every commit (the journal
  /// is written once per cycle, after the rules file: a commit must survive a power cut as the
  /// renamed file does), a bounded log, foreign keys, and a wait instead of an error while a
  /// checkpoint runs.
  static func configuration(readonly: Bool) -> Configuration {
    var configuration = Configuration()
    configuration.readonly = readonly
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(10)
    configuration.label = "falco-ipfeed.state"
    if !readonly {
      configuration.prepareDatabase { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
        // The daemon keeps the database open: truncate the write-ahead log after checkpoints
        // rather than let it keep the size of the largest transaction (the first, 10 MB).
        try db.execute(sql: "PRAGMA journal_size_limit = 4194304")
      }
    }
    return configuration
  }

  /// Maps an SQLite failure to the journal's error: a damaged file gets the documented recovery.
  static func stateError(_ error: any Error, path: String, doing: String) -> StateError {
    if let error = error as? StateError { return error }
    guard let error = error as? DatabaseError else {
      return StateError(.unusable, "could not \(doing) the state database \(path): \(error)")
    }
    let message = error.message ?? "\(error.resultCode)"
    switch error.resultCode {
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return StateError.damaged(path, detail: message)
    case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
      return StateError(
        .unusable,
        "could not \(doing) the state database \(path): \(message). Run as root, or make"
          + " the state directory writable for this user (under systemd: StateDirectory=)")
    case .SQLITE_FULL, .SQLITE_IOERR:
      return StateError(
        .unusable, "could not \(doing) the state database \(path): \(message). Free some space")
    default:
      return StateError(.unusable, "could not \(doing) the state database \(path): \(message)")
    }
  }

  /// An SQLite failure while using the journal, as `stateError` explains it (the file and the
  /// fix); any other error as it is.
  static func explained(_ error: any Error, path: String, doing: String) -> any Error {
    error is DatabaseError ? stateError(error, path: path, doing: doing) : error
  }

  /// Creates the state directory (mode 0750) and its missing parents (0755).
  static func createStateDirectory(_ directory: String) throws(SystemCallError) {
    guard !FileSystem.fileExists(directory) else { return }
    try FileSystem.createDirectories(FileSystem.parent(of: directory))
    if mkdir(directory, 0o750) != 0, errno != EEXIST {
      throw SystemCallError("create the directory", path: directory)
    }
  }

  /// A write-ahead log without its database belongs to a database that was moved aside: SQLite
  /// would replay it into the new one. Set it aside too (the shared-memory index is derived and
  /// goes).
  private static func setAsideOrphanedLogs(of path: String, logger: Logger) {
    guard !FileSystem.fileExists(path) else { return }
    setAsideLogs(of: path, logger: logger)
  }

  /// Sets aside the write-ahead log at `path` and removes the shared-memory index: for a
  /// database that was deleted or replaced while open, whose log SQLite leaves behind (it does
  /// not checkpoint into a moved file) and would replay into the file now at the path.
  static func setAsideLogs(of path: String, logger: Logger) {
    let wal = path + "-wal"
    if FileSystem.fileExists(wal) {
      let aside = wal + ".orphaned"
      rename(wal, aside)
      logger.warning(
        "set aside a write-ahead log left without its state database",
        metadata: ["path": "\(wal)", "moved_to": "\(aside)"])
    }
    unlink(path + "-shm")
  }
}
