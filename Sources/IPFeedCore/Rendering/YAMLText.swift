/// Which characters a one-line YAML scalar can hold as they are. YAML 1.2 allows only its
/// printable set in a stream (no C0 or C1 controls, no DEL, no U+FFFE or U+FFFF), and libyaml
/// (YAML 1.1), as Falco's YAML readers do, takes U+0085, U+2028 and U+2029 for line breaks.
public enum YAMLText {
  /// True when `scalar` can stand in a one-line scalar and reads back as itself.
  public static func isOneLinePrintable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x20...0x7E: true
    case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
    case 0xE000...0xFFFD: scalar.value != 0xFEFF
    case 0x1_0000...0x10_FFFF: true
    default: false
    }
  }
}
