/// A Falco rule's priority, as Falco spells it in rules files, from the most severe.
public enum FalcoPriority: String, Sendable, CaseIterable, Comparable {
  case emergency = "EMERGENCY"
  case alert = "ALERT"
  case critical = "CRITICAL"
  case error = "ERROR"
  case warning = "WARNING"
  case notice = "NOTICE"
  case informational = "INFORMATIONAL"
  case debug = "DEBUG"

  /// 0 for `EMERGENCY` up to 7 for `DEBUG`, as in syslog.
  public var severityLevel: Int { Self.allCases.firstIndex(of: self)! }

  /// Any case, as Falco itself accepts it; `INFO` is Falco's short form of `INFORMATIONAL`.
  public init?(text: String) {
    let upper = text.uppercased()
    if upper == "INFO" {
      self = .informational
      return
    }
    self.init(rawValue: upper)
  }

  /// More severe first: `EMERGENCY < ALERT < … < DEBUG`.
  public static func < (lhs: FalcoPriority, rhs: FalcoPriority) -> Bool {
    lhs.severityLevel < rhs.severityLevel
  }
}
