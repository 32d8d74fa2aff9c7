import Glibc
import Logging

/// Where log events go. The daemon under systemd writes structured entries to the journal; a
/// command run by hand writes lines to standard error, and still records the events that make
/// up the update history (those with a `MESSAGE_ID`) in the journal when one listens, so that
/// `journalctl MESSAGE_ID=…` misses no change.
public enum LogSetup {
  public enum Role: Sendable {
    case daemon
    case command
  }

  /// Installs the handlers once per process; returns the logger to use.
  public static func bootstrap(_ role: Role) -> Logger {
    let journal = JournalLogHandler.isAvailable
    let underSystemd = getenv("JOURNAL_STREAM") != nil
    LoggingSystem.bootstrap { label in
      switch (role, journal) {
      case (.daemon, true) where underSystemd:
        return JournalLogHandler()
      case (_, true):
        return MultiplexLogHandler([
          StandardErrorLogHandler(label: label), JournalLogHandler(onlyHistoryEvents: true),
        ])
      case (_, false):
        return StandardErrorLogHandler(label: label)
      }
    }
    return Logger(label: "falco-ipfeed")
  }
}
