internal import CLibFuzzer
import Glibc

/// Runs libFuzzer with the process's arguments (`-max_total_time=…`, corpus directories, …),
/// handing each input to `check`, and exits with libFuzzer's status.
public enum FuzzDriver {
  nonisolated(unsafe) private static var check: ([UInt8]) -> Void = { _ in }

  public static func run(_ check: @escaping ([UInt8]) -> Void) -> Never {
    Self.check = check
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv) { data, size in
      let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
      FuzzDriver.check(bytes)
      return 0
    }
    exit(status)
  }
}
