import IPFeedSystem
import Logging

/// The logger of the one-shot commands: lines on standard error, and the update-history events
/// also in the journal.
enum CommandLogging {
  static let logger: Logger = LogSetup.bootstrap(.command)
}
