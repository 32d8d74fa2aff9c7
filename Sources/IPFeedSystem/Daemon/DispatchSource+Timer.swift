import Dispatch

extension DispatchSource {
  /// A started timer that runs `handler` on `queue` after `delay`, then every `repeating`
  /// (once when nil). Dispatch's deadlines are on the monotonic clock: a stepped wall clock
  /// moves no timer.
  static func timer(
    on queue: DispatchQueue, after delay: Duration, repeating: Duration? = nil,
    handler: @escaping @Sendable () -> Void
  ) -> DispatchSourceTimer {
    let timer = makeTimerSource(queue: queue)
    let deadline = DispatchTime.now() + .milliseconds(Int(clamping: delay.wholeMilliseconds))
    if let repeating {
      timer.schedule(
        deadline: deadline, repeating: .milliseconds(Int(clamping: repeating.wholeMilliseconds)))
    } else {
      timer.schedule(deadline: deadline)
    }
    timer.setEventHandler(handler: handler)
    timer.resume()
    return timer
  }
}
