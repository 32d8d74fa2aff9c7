import Foundation
import IPFeedSystem
import Testing

@Suite struct FeedInputTests {
  private func readAll(_ input: FeedInput) throws -> (bytes: [UInt8], pieces: Int) {
    var buffer: [UInt8] = []
    var bytes: [UInt8] = []
    var pieces = 0
    while case let count = try input.read(into: &buffer), count > 0 {
      bytes += buffer[0..<count]
      pieces += 1
    }
    return (bytes, pieces)
  }

  @Test func aFileLongerThanAPieceIsReadWholeInPieces() throws {
    let directory = try TemporaryDirectory()
    let bytes = (0..<(2 * FeedInput.pieceBytes + 123)).map { UInt8(truncatingIfNeeded: $0 * 7) }
    let input = try FeedInput(path: try directory.write("feed.txt", bytes))
    #expect(input.size == bytes.count)
    let read = try readAll(input)
    #expect(read.bytes == bytes)
    #expect(read.pieces == 3)
  }

  @Test func anEmptyFileEndsAtOnce() throws {
    let directory = try TemporaryDirectory()
    let input = try FeedInput(path: try directory.write("empty.txt", []))
    #expect(input.size == 0)
    #expect(try readAll(input).bytes.isEmpty)
  }

  @Test func aMissingFileIsAnErrorNamingIt() {
    let error = #expect(throws: SystemCallError.self) {
      _ = try FeedInput(path: "/nonexistent/feed.txt")
    }
    #expect(error?.errno == ENOENT)
    #expect(error?.description.contains("/nonexistent/feed.txt") == true)
  }

  @Test func aDirectoryFailsToReadWithItsName() throws {
    let directory = try TemporaryDirectory()
    let input = try FeedInput(path: directory.path)
    var buffer: [UInt8] = []
    let error = #expect(throws: SystemCallError.self) { _ = try input.read(into: &buffer) }
    #expect(error?.errno == EISDIR)
    #expect(error?.description.contains(directory.path) == true)
  }
}
