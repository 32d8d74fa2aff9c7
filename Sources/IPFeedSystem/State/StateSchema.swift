import GRDB

/// The state journal's tables, as named migrations. A migration that has shipped is never
/// edited: a later change of schema is a new migration appended here.
///
/// Times are whole seconds since 1970 (UTC). Addresses are stored in their canonical text, so
/// that `lookup` finds them with one index probe and a person can read the file with `sqlite3`.
enum StateSchema {
  /// The migration every journal has: what `status`, `history` and `lookup` need.
  static let firstMigration = "v1: applied list, changes, sources"

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration(firstMigration) { db in
      // The list in force: what the rules file holds, with scores and sources.
      try db.execute(
        sql: """
          CREATE TABLE applied_address (
            address TEXT PRIMARY KEY NOT NULL,
            score INTEGER NOT NULL,
            source TEXT NOT NULL,
            since INTEGER NOT NULL,
            since_change INTEGER
          ) WITHOUT ROWID;

          CREATE TABLE applied (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            total INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            output_path TEXT NOT NULL,
            applied_at INTEGER NOT NULL,
            change_id INTEGER
          );

          CREATE TABLE change (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            time INTEGER NOT NULL,
            added INTEGER NOT NULL,
            removed INTEGER NOT NULL,
            total INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            forced INTEGER NOT NULL
          );
          CREATE INDEX change_time ON change (time);

          CREATE TABLE change_source (
            change_id INTEGER NOT NULL REFERENCES change (id),
            source TEXT NOT NULL,
            url TEXT NOT NULL,
            body TEXT NOT NULL CHECK (body IN ('downloaded', 'not_modified', 'last_good')),
            etag TEXT,
            last_modified TEXT,
            body_bytes INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            PRIMARY KEY (change_id, source)
          ) WITHOUT ROWID;

          CREATE TABLE change_address (
            address TEXT NOT NULL,
            change_id INTEGER NOT NULL REFERENCES change (id),
            event TEXT NOT NULL CHECK (event IN ('added', 'removed')),
            score INTEGER NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (address, change_id)
          ) WITHOUT ROWID;

          CREATE TABLE source_body (
            source TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL,
            format TEXT NOT NULL,
            etag TEXT,
            last_modified TEXT,
            body_bytes INTEGER NOT NULL,
            entry_count INTEGER NOT NULL,
            entries BLOB NOT NULL,
            lines_total INTEGER NOT NULL,
            lines_comments INTEGER NOT NULL,
            lines_blank INTEGER NOT NULL,
            lines_valid INTEGER NOT NULL,
            lines_invalid INTEGER NOT NULL,
            lines_duplicates INTEGER NOT NULL,
            first_bad_line_number INTEGER,
            first_bad_line TEXT,
            applied_at INTEGER NOT NULL,
            changed_at INTEGER NOT NULL
          );

          CREATE TABLE source_check (
            source TEXT PRIMARY KEY NOT NULL,
            url TEXT NOT NULL,
            checked_at INTEGER NOT NULL,
            result TEXT NOT NULL,
            succeeded_at INTEGER,
            consecutive_failures INTEGER NOT NULL,
            last_error TEXT,
            last_error_at INTEGER,
            http_status INTEGER,
            wire_bytes INTEGER,
            body_bytes INTEGER,
            elapsed_ms INTEGER,
            sent_etag TEXT,
            sent_last_modified TEXT
          );

          CREATE TABLE last_cycle (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            time INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            detail TEXT,
            next_poll INTEGER
          );

          -- A rules file Falco has not yet been made to load: retried every cycle, also after
          -- a restart, until a reload succeeds.
          CREATE TABLE falco_reload_pending (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            since INTEGER NOT NULL,
            error TEXT NOT NULL
          );
          """)
    }
    migrator.registerMigration("v2: plugin mode's data file") { db in
      // The data file the plugin reads, as last installed: a start compares the file on disk
      // with it and rewrites a missing or different one from the applied list.
      try db.execute(
        sql: """
          CREATE TABLE applied_data_file (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            path TEXT NOT NULL,
            generation INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            total INTEGER NOT NULL,
            written_at INTEGER NOT NULL
          );
          """)
    }
    migrator.registerMigration("v3: body digests and the applied config") { db in
      // What an unchanged cycle compares instead of parsing: the digest of each source's
      // applied body, and the effective config the applied list was made with (NULL until the
      // next applied cycle records them).
      try db.execute(
        sql: """
          ALTER TABLE source_body ADD COLUMN body_sha256 TEXT;
          ALTER TABLE applied ADD COLUMN config TEXT;
          """)
    }
    migrator.registerMigration("v4: the rules file's identity") { db in
      // The rules file's stat identity when its digest was last found right, so that it need
      // not be hashed again while it stays (NULL until recorded).
      try db.execute(sql: "ALTER TABLE applied ADD COLUMN file_identity TEXT")
    }
    return migrator
  }
}
