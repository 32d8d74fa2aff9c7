/// The names Falco accepts for a list: letters, digits and `_`, not starting with a digit.
public enum FalcoListName {
  /// The list's name when `output.list_name` names none.
  public static let standard = "malicious_ip_list"
  /// The rule `isValid` checks, for messages.
  public static let rule = "a Falco list name is letters, digits and _, not starting with a digit"

  public static func isValid(_ name: String) -> Bool {
    guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
    else { return false }
    return name.utf8.allSatisfy { byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }
  }
}
