import GRDB

/// Inserts a known number of rows through multi-row `INSERT … VALUES (…), (…), …` statements of
/// `rowsPerStatement` rows, and the last few one by one. SQLite pays a statement's fixed cost
/// (its transaction and statement-journal steps, opening the table) once per statement: with one
/// row a statement, that was about half of inserting a 120,000-address list.
final class BatchInsert {
  /// Larger batches gain little (200 rows cost within 2% of 100); 100 rows of 5 values stay
  /// far below SQLite's limit of 32,766 parameters.
  static let rowsPerStatement = 100

  /// The values a row binds, parameter 1… of the row (its place in the statement added).
  struct Row {
    fileprivate let statement: RowStatement
    fileprivate let offset: Int32

    func bind(_ index: Int32, _ value: Int64) { statement.bind(offset + index, value) }
    func bind(_ index: Int32, _ value: Int) { statement.bind(offset + index, value) }
    func bind(_ index: Int32, _ value: Int64?) { statement.bind(offset + index, value) }
    func bind(_ index: Int32, _ text: String) { statement.bind(offset + index, text) }
    func bind(_ index: Int32, utf8 text: Span<UInt8>) { statement.bind(offset + index, utf8: text) }
  }

  private let batch: RowStatement?
  private let single: RowStatement
  private let parameters: Int32
  /// Rows still to add before the single-row statement takes over.
  private var batchedRows: Int
  private var slot = 0

  /// - Parameters:
  ///   - insert: the statement up to `VALUES`, e.g. `INSERT INTO t (a, b, c)`.
  ///   - row: one row's values with `parameters` `?` placeholders, e.g. `(?, ?, 'added')`.
  ///   - count: how many rows `add` will be called for.
  init(_ db: Database, _ insert: String, row: String, parameters: Int32, count: Int) throws {
    self.parameters = parameters
    let rows = Self.rowsPerStatement
    batchedRows = count - count % rows
    batch =
      batchedRows > 0
      ? try RowStatement(
        db, sql: insert + " VALUES " + Array(repeating: row, count: rows).joined(separator: ", "))
      : nil
    single = try RowStatement(db, sql: insert + " VALUES " + row)
  }

  /// Adds a row: `bind` binds its values.
  func add(_ bind: (Row) -> Void) throws {
    guard let batch, batchedRows > 0 else {
      bind(Row(statement: single, offset: 0))
      try single.execute()
      return
    }
    bind(Row(statement: batch, offset: Int32(slot) * parameters))
    slot += 1
    if slot == Self.rowsPerStatement {
      try batch.execute()
      slot = 0
      batchedRows -= Self.rowsPerStatement
    }
  }
}
