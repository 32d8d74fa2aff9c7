import IPFeedCore

/// Small formats shared by `status`, `history` and `lookup`.
enum StateText {
  /// UTC ISO 8601 with a "Z": "2026-08-22T06:00:03Z".
  static func time(_ seconds: Int64) -> String {
    UnixTime(seconds: seconds).iso8601
  }

  static func time(_ seconds: Int64?) -> JSONValue {
    .string(seconds.map(time))
  }

  /// Rows as columns, each padded to its widest cell; `rightAligned` columns by index.
  static func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> [String] {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
    }
    return rows.map { row in
      var line = ""
      for (index, cell) in row.enumerated() {
        let padding = String(repeating: " ", count: widths[index] - cell.count)
        let isLast = index == row.count - 1
        if rightAligned.contains(index) {
          line += padding + cell
        } else {
          line += isLast ? cell : cell + padding
        }
        if !isLast { line += "  " }
      }
      return line
    }
  }
}
