import IPFeedSystem
import Logging

/// The logger of the one-shot commands: plain lines on standard error.
enum CommandLogging {
  static let logger: Logger = {
    LoggingSystem.bootstrap(StandardErrorLogHandler.init)
    return Logger(label: "falco-ipfeed")
  }()
}
