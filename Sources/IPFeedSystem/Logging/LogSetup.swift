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
    // The daemon under systemd writes to the journal alone: when libsystemd cannot be loaded,
    // its lines go to standard error (which systemd also keeps) rather than nowhere.
    let journalFailure =
      role == .daemon && journal && underSystemd
      ? JournalLogHandler.loadFailure : nil
    let journalOnly = role == .daemon && journal && underSystemd && journalFailure == nil
    LoggingSystem.bootstrap { label in
      switch (journalOnly, journal) {
      case (true, _):
        return JournalLogHandler()
      case (false, true):
        return MultiplexLogHandler([
          StandardErrorLogHandler(label: label), JournalLogHandler(onlyHistoryEvents: true),
        ])
      case (false, false):
        return StandardErrorLogHandler(label: label)
      }
    }
    let logger = Logger(label: "falco-ipfeed")
    if let journalFailure {
      logger.warning(
        "structured journal entries are off", metadata: ["problem": "\(journalFailure)"])
    }
    return logger
  }
}
