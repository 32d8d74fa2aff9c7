import Foundation
import Synchronization
import Testing

/// One cycle at a time per state directory; readers never wait.
@Suite struct CycleLockTests {
  let fixture: OnceFixture

  init() throws {
    fixture = try OnceFixture()
  }

  @Test func onceWaitsThenFailsNamingTheHolderAndReadersDoNotWait() throws {
    try fixture.writeFeed([("1.1.1.1", 3)])
    #expect(try fixture.once().status == 0)

    // This test process takes the lock as a running cycle would.
    let lockPath = "\(fixture.stateDirectory)/lock"
    let fd = open(lockPath, O_RDWR | O_CLOEXEC)
    #expect(fd >= 0)
    defer { close(fd) }
    #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
    let pid = Array("\(getpid())\n".utf8)
    #expect(ftruncate(fd, 0) == 0)
    _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }

    let start = ContinuousClock.now
    let blocked = try runFalcoIPFeed(
      ["once", "--config", fixture.configPath],
      environment: ["FALCO_IPFEED_LOCK_WAIT_SECONDS": "0.5"])
    let waited = ContinuousClock.now - start
    #expect(blocked.status == 1)
    #expect(
      blocked.error.contains("another falco-ipfeed cycle holds the lock (pid \(getpid()))"),
      "\(blocked.error)")
    #expect(waited >= .milliseconds(500) && waited < .seconds(10))

    let readerStart = ContinuousClock.now
    #expect(try fixture.run("status").status == 0)
    #expect(try fixture.run("history").status == 0)
    #expect(try fixture.run("lookup", ["1.1.1.1"]).status == 0)
    #expect(ContinuousClock.now - readerStart < .seconds(5))

    flock(fd, LOCK_UN)
    #expect(try fixture.once().status == 0)
  }

  @Test func twoConcurrentCyclesTakeTurns() throws {
    try fixture.writeFeed(generatedFeed(count: 50_000))
    let runs = Mutex<[CommandRun?]>([nil, nil])
    let group = DispatchGroup()
    let configPath = fixture.configPath
    for index in 0..<2 {
      DispatchQueue.global().async(group: group) {
        let run = try? CommandRun.falcoIPFeed(["once", "--config", configPath])
        runs.withLock { $0[index] = run }
      }
    }
    group.wait()
    let results = runs.withLock { $0 }
    let outputs = results.compactMap { $0 }
    #expect(outputs.count == 2)
    #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.error))")
    let headlines = outputs.map { $0.output.prefix(while: { $0 != ":" }) }.sorted()
    #expect(headlines == ["applied", "unchanged"])
    #expect(try fixture.outputState() == "matches")
  }
}
