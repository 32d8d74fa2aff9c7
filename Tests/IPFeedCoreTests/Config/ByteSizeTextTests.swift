import IPFeedCore
import Testing

extension ConfigTests {
  @Suite struct ByteSizeTextTests {
    @Test(arguments: [
      ("64MiB", 64 << 20), ("512KiB", 512 << 10), ("1GiB", 1 << 30), ("1048576", 1 << 20),
      ("0", 0), ("1000", 1_000), ("3KiB", 3_072),
    ])
    func accepts(text: String, bytes: Int) throws {
      #expect(try ByteSizeText.parse(text) == bytes)
    }

    @Test(arguments: [
      ("64MB", "did you mean 64MiB?"),
      ("512KB", "did you mean 512KiB?"),
      ("1G", "did you mean 1GiB?"),
      ("64mib", "did you mean 64MiB?"),
      ("1.5MiB", "whole number"),
      ("-1", "cannot be negative"),
      ("MiB", "a size is a number of bytes"),
      ("", "a size is a number of bytes"),
      ("64 MiB", "\" MiB\" is not an accepted unit"),
      ("1TiB", "\"TiB\" is not an accepted unit"),
      ("99999999999999999999", "too large"),
      ("9999999999999GiB", "too large"),
    ])
    func rejects(text: String, problem: String) {
      #expect {
        try ByteSizeText.parse(text)
      } throws: { error in
        guard let error = error as? TextValueError else { return false }
        return error.text == text && error.problem.contains(problem)
      }
    }

    @Test(arguments: [
      (0, "0"), (1, "1"), (1_000, "1000"), (1_024, "1KiB"), (1_536, "1536"),
      (512 << 10, "512KiB"), (64 << 20, "64MiB"), (1 << 30, "1GiB"), (3 << 29, "1536MiB"),
    ])
    func formatsInTheLargestExactUnit(bytes: Int, text: String) throws {
      #expect(ByteSizeText.format(bytes) == text)
      #expect(try ByteSizeText.parse(text) == bytes)
    }
  }
}
