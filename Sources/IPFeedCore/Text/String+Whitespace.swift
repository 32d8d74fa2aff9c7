extension StringProtocol {
  /// The text without the white space (spaces, tabs, line breaks) at its start and end.
  public var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
