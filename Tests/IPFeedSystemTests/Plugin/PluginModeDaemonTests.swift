import Foundation
import IPFeedCore
import Testing

/// `falco-ipfeed run` in plugin mode: the stand-in Falco gets one SIGHUP, for the first rules
/// file, and none for the list changes after it, while the data file follows each change.
@Suite(.serialized) struct PluginModeDaemonTests {
  @Test func listChangesUnderTheDaemonSendNoReload() throws {
    let directory = try TemporaryDirectory()
    let notify = try NotifySocket(directory: directory)
    let falco = try StandInFalco(directory: directory)
    let dataPath = directory.file("state/falco-ipfeed.bin")
    let rulesPath = directory.file("falco/rules.d/falco-ipfeed.yaml")
    func writeFeed(_ addresses: [String]) throws {
      try directory.write("feeds/ipsum.txt", addresses.map { "\($0)\t5\n" }.joined())
    }
    try writeFeed(["8.8.8.8", "1.1.1.1"])
    let configPath = try directory.write(
      "falco-ipfeed.yaml",
      """
      interval: 1h
      jitter: 0s
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
          threshold: 2
      output:
        mode: plugin
        data_path: \(dataPath)
        path: \(rulesPath)
      falco:
        reload: sighup
        unit: ""
        pid_file: \(falco.pidFile)
        validate: never
      """)
    let daemon = try DaemonProcess(
      configPath: configPath, notifySocket: notify, directory: directory,
      watchdogMicroseconds: nil)
    func status(_ count: Int) -> (String) -> Bool {
      { $0.contains("STATUS=") && $0.contains("\(count) addresses") }
    }
    #expect(notify.waitFor(status(2)) != nil, "log: \(daemon.log)")
    #expect(falco.waitForHangups(1), "log: \(daemon.log)")
    let rules = try FileSystemProbe.identity(rulesPath)
    #expect(try PluginDataFile(decoding: #require(try FileSystemProbe.read(dataPath))).count == 2)

    for (round, feed) in [
      ["8.8.8.8", "1.1.1.1", "9.9.9.9"], ["8.8.8.8", "9.9.9.9", "4.4.4.4", "5.5.5.5"],
    ].enumerated() {
      try writeFeed(feed)
      daemon.send(SIGUSR1)
      #expect(notify.waitFor(status(feed.count)) != nil, "log: \(daemon.log)")
      let data = try PluginDataFile(decoding: #require(try FileSystemProbe.read(dataPath)))
      #expect(data.generation == UInt64(round + 2))
      #expect(data.entries.map(\.address.description).sorted() == feed.sorted())
    }
    Thread.sleep(forTimeInterval: 0.5)
    #expect(falco.hangups == 1, "log: \(daemon.log)")
    #expect(try FileSystemProbe.identity(rulesPath) == rules)
    // The daemon's log says so too: one "Falco reloaded", for the first rules file.
    #expect(daemon.log.components(separatedBy: "Falco reloaded").count - 1 == 1, "\(daemon.log)")
  }
}
