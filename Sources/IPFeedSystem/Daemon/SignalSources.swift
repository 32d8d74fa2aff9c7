import Dispatch
import Glibc

/// Signals delivered to a Dispatch queue instead of their default actions (which would end the
/// process).
final class SignalSources {
  private var sources: [DispatchSourceSignal] = []

  /// Unblocks `signals` in the calling thread and the threads it starts: a parent may have
  /// left them blocked (test runners do), and Dispatch needs them delivered.
  static func unblock(_ signals: [Int32]) {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  /// Runs `handler` on `queue` for each of `signals` received.
  func install(
    _ signals: [Int32], on queue: DispatchQueue, handler: @escaping @Sendable (Int32) -> Void
  ) {
    for signal in signals {
      Glibc.signal(signal, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signal, queue: queue)
      source.setEventHandler { handler(signal) }
      source.resume()
      sources.append(source)
    }
  }
}
