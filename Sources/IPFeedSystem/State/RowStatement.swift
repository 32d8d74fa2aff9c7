import GRDB
internal import GRDBSQLite

/// A prepared statement driven through SQLite's C API, for the journal's tables of addresses
/// (120,000 rows and more). Binding or reading a row takes a few C calls, where GRDB's
/// `execute(arguments:)` and `Row` box every value (`DatabaseValue`, `StatementArguments`):
/// that boxing was most of inserting or reading a whole list.
///
/// Every run starts from no bindings: bind all parameters before each `execute()` (a forgotten
/// one is NULL, which the tables refuse). Only this file touches the C statement.
final class RowStatement {
  /// GRDB's statement: it prepared the SQL and finalizes it.
  private let statement: Statement
  /// The texts bound for the next run, which SQLite reads in place (`SQLITE_STATIC`): letting
  /// SQLite copy them (`SQLITE_TRANSIENT`) costs it a free and an allocation per text, a third
  /// of binding a row. Reused from the start after each run; a text that does not fit is
  /// copied by SQLite.
  private let texts = UnsafeMutableRawBufferPointer.allocate(byteCount: 16_384, alignment: 1)
  private var textsUsed = 0

  init(_ db: Database, sql: String) throws {
    statement = try db.makeStatement(sql: sql)
  }

  deinit {
    // No binding may outlive the buffer it points into.
    sqlite3_clear_bindings(handle)
    texts.deallocate()
  }

  private var handle: OpaquePointer { statement.sqliteStatement }

  func bind(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  func bind(_ index: Int32, _ value: Int) {
    sqlite3_bind_int64(handle, index, Int64(value))
  }

  /// Binds NULL for nil.
  func bind(_ index: Int32, _ value: Int64?) {
    if let value {
      sqlite3_bind_int64(handle, index, value)
    } else {
      sqlite3_bind_null(handle, index)
    }
  }

  func bind(_ index: Int32, _ text: String) {
    var text = text
    text.withUTF8 { bind(index, $0) }
  }

  func bind(_ index: Int32, utf8 text: Span<UInt8>) {
    text.withUnsafeBufferPointer { bind(index, $0) }
  }

  private func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard textsUsed + bytes.count <= texts.count else {
      _ = sqlite3_bind_text(handle, index, cText(bytes.baseAddress), Int32(bytes.count), transient)
      return
    }
    let copy = texts.baseAddress! + textsUsed
    if let source = bytes.baseAddress { copy.copyMemory(from: source, byteCount: bytes.count) }
    textsUsed += bytes.count
    _ = sqlite3_bind_text(handle, index, cText(copy), Int32(bytes.count), nil)
  }

  private func cText(_ pointer: UnsafeRawPointer?) -> UnsafePointer<CChar>? {
    pointer?.assumingMemoryBound(to: CChar.self)
  }

  /// Runs the statement with the values bound (an INSERT, UPDATE or DELETE).
  func execute() throws {
    while try step() {}
  }

  /// Steps a query: true while it has a row to read. At the end (or on an error) the statement
  /// is reset, ready to run again.
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW:
      return true
    case SQLITE_DONE:
      reset()
      return false
    default:
      let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
      reset()
      throw DatabaseError(
        resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
  }

  /// Ready to run again, with no bindings: the texts' buffer is free for the next run.
  private func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    textsUsed = 0
  }

  /// The current row's integer in `column` (0-based).
  func int64(_ column: Int32) -> Int64 {
    sqlite3_column_int64(handle, column)
  }

  func int(_ column: Int32) -> Int {
    Int(sqlite3_column_int64(handle, column))
  }

  /// The current row's text in `column`, valid only inside `body`.
  func withText<Result>(_ column: Int32, _ body: (Span<UInt8>) throws -> Result) rethrows -> Result
  {
    // The text first, then its length (SQLite's documented order).
    guard let start = sqlite3_column_text(handle, column) else { return try body(Span()) }
    let count = Int(sqlite3_column_bytes(handle, column))
    return try body(UnsafeBufferPointer(start: start, count: count).span)
  }

  /// The current row's text in `column`.
  func string(_ column: Int32) -> String {
    guard let start = sqlite3_column_text(handle, column) else { return "" }
    let count = Int(sqlite3_column_bytes(handle, column))
    return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  }

  /// Whether the current row's text in `column` is `text`.
  func text(_ column: Int32, equals text: String) -> Bool {
    withText(column) { bytes in
      var utf8 = text.utf8.makeIterator()
      for index in bytes.indices where utf8.next() != bytes[index] { return false }
      return utf8.next() == nil
    }
  }

  /// Tells SQLite to copy a bound text: the Swift buffer lives only for the call.
  private var transient: sqlite3_destructor_type {
    unsafeBitCast(-1, to: sqlite3_destructor_type.self)
  }
}
