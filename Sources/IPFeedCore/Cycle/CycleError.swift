/// A failure that stopped a cycle before it could finish. Nothing partial is recorded: the
/// rules file and the state journal stay as they were, or the file is complete and the next
/// cycle records it.
public struct CycleError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What the cycle was doing: "install the rules file /etc/falco/rules.d/falco-ipfeed.yaml".
  public var step: String
  public var cause: String

  public init(step: String, cause: String) {
    self.step = step
    self.cause = cause
  }

  public var description: String { "could not \(step): \(cause)" }
}

extension CycleError {
  /// Runs `body`; whatever it throws becomes the error of the cycle's `step` ("read the state
  /// journal"), with `explain`'s text of the thrown error (its description by default) as the
  /// cause.
  public static func during<T>(
    _ step: String, _ body: () throws -> T,
    explain: (any Error) -> String = { "\($0)" }
  ) throws(CycleError) -> T {
    do {
      return try body()
    } catch {
      throw CycleError(step: step, cause: explain(error))
    }
  }
}
