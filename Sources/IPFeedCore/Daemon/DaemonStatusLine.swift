/// The one-line `STATUS=` the daemon gives systemd after every cycle, shown by
/// `systemctl status falco-ipfeed`:
/// `14217 addresses; last change 06:00 UTC (+312 −280); next poll 12:07 UTC; ipsum 304 at 06:07 UTC`.
public struct DaemonStatusLine: Sendable, Hashable {
  /// One source's last attempt: "304", "200", "failed", "rejected", with its time.
  public struct SourceState: Sendable, Hashable {
    public var name: String
    public var result: String
    public var at: UnixTime

    public init(name: String, result: String, at: UnixTime) {
      self.name = name
      self.result = result
      self.at = at
    }
  }

  public var total: Int
  public var lastChange: (at: UnixTime, added: Int, removed: Int)?
  public var nextPoll: UnixTime?
  public var sources: [SourceState]
  /// Set when no source has succeeded for twice the interval.
  public var staleSince: UnixTime?
  /// Problems to put first: a held update, an invalid config on reload, a failed reload.
  public var problems: [String]

  public init(
    total: Int, lastChange: (at: UnixTime, added: Int, removed: Int)? = nil,
    nextPoll: UnixTime? = nil, sources: [SourceState] = [], staleSince: UnixTime? = nil,
    problems: [String] = []
  ) {
    self.total = total
    self.lastChange = lastChange
    self.nextPoll = nextPoll
    self.sources = sources
    self.staleSince = staleSince
    self.problems = problems
  }

  public static func == (lhs: DaemonStatusLine, rhs: DaemonStatusLine) -> Bool {
    lhs.text == rhs.text
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
  }

  public var text: String { text(now: nil) }

  /// The line, with times of days other than `now`'s day given with their date.
  public func text(now: UnixTime?) -> String {
    func time(_ time: UnixTime) -> String { time.dayAndTime(now: now) }
    var parts: [String] = []
    if let staleSince { parts.append("STALE since \(time(staleSince))") }
    parts += problems
    parts.append("\(total) addresses")
    if let lastChange {
      parts.append(
        "last change \(time(lastChange.at)) (+\(lastChange.added) −\(lastChange.removed))")
    }
    if let nextPoll { parts.append("next poll \(time(nextPoll))") }
    for source in sources {
      parts.append("\(source.name) \(source.result) at \(time(source.at))")
    }
    return parts.joined(separator: "; ")
  }
}
