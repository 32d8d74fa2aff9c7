/// Stops the run on a broken property. libFuzzer sees the trap as a crash, saves the input
/// as `crash-…` and prints this message above the stack trace.
public func fuzzRequire(
  _ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #file,
  line: UInt = #line
) {
  guard !condition else { return }
  fatalError("property broken: \(message())", file: file, line: line)
}
