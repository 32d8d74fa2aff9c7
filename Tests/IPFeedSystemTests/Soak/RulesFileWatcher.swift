import Foundation
import IPFeedCore
import Synchronization

/// Reads the rules file over and over while the daemon runs, and records every read whose list
/// is not one of the good lists (a partial file, an error page's addresses, an empty list).
final class RulesFileWatcher: Sendable {
  private let state = Mutex<(reads: Int, violations: [String], stopped: Bool)>((0, [], false))
  private let done = DispatchSemaphore(value: 0)

  init(path: String, lists: [[String]]) throws {
    let good = Set(lists.map { $0.sorted() })
    let thread = Thread { [self] in
      while !state.withLock({ $0.stopped }) {
        if let data = FileManager.default.contents(atPath: path) {
          let addresses = FalcoRulesFileReader.addresses(
            in: Array(data), listName: "malicious_ip_list")
          let listed = addresses.map { $0.map(\.description).sorted() }
          state.withLock { state in
            state.reads += 1
            if listed == nil || !good.contains(listed!) {
              state.violations.append(
                "a read of \(data.count) bytes, \(listed?.count ?? -1) addresses")
            }
          }
        }
        usleep(20_000)
      }
      done.signal()
    }
    thread.start()
  }

  var reads: Int { state.withLock { $0.reads } }
  var violations: [String] { state.withLock { $0.violations } }

  func stop() {
    state.withLock { $0.stopped = true }
    done.wait()
  }
}
