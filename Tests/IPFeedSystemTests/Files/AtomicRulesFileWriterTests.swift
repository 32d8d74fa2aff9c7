import Foundation
import IPFeedSystem
import Testing

@Suite struct AtomicRulesFileWriterTests {
  @Test func installsWithMode0644WhateverTheUmask() throws {
    let directory = try TemporaryDirectory()
    let writer = AtomicRulesFileWriter(path: directory.file("rules.d/x.yaml"))
    let old = umask(0o077)
    defer { umask(old) }
    try writer.install(Array("a: 1\n".utf8))
    var info = stat()
    stat(writer.path, &info)
    #expect(info.st_mode & 0o777 == 0o644)
    #expect(try writer.currentContents() == Array("a: 1\n".utf8))
    #expect(directory.allFiles() == ["rules.d/x.yaml"])
  }

  @Test func temporaryFileLivesOutsideTheWatchedDirectory() throws {
    let writer = AtomicRulesFileWriter(path: "/etc/falco/rules.d/falco-ipfeed.yaml")
    #expect(writer.directory == "/etc/falco/rules.d")
    #expect(writer.stagingDirectory == "/etc/falco")
    #expect(writer.temporaryPrefix == ".falco-ipfeed.yaml.tmp.")
  }

  @Test func missingFileReadsAsNil() throws {
    let directory = try TemporaryDirectory()
    #expect(
      try AtomicRulesFileWriter(path: directory.file("rules.d/x.yaml")).currentContents() == nil)
  }

  @Test func unwritableDirectoryIsAnErrorNamingThePath() throws {
    // /proc is not writable, even for root.
    let writer = AtomicRulesFileWriter(path: "/proc/falco-ipfeed-test/rules.d/x.yaml")
    let error = #expect(throws: SystemCallError.self) { try writer.install([1]) }
    #expect(error?.description.contains("/proc/falco-ipfeed-test") == true)
  }

  @Test func watchedDirectoryOnAnotherFileSystemIsRefused() throws {
    // /dev/shm is a tmpfs of its own; its parent /dev is not the same file system.
    var shm = stat()
    var dev = stat()
    guard stat("/dev/shm", &shm) == 0, stat("/dev", &dev) == 0, shm.st_dev != dev.st_dev else {
      return
    }
    let writer = AtomicRulesFileWriter(path: "/dev/shm/falco-ipfeed-test.yaml")
    let error = #expect(throws: SystemCallError.self) { try writer.install([1]) }
    #expect(error?.description.contains("same file system") == true)
    #expect(!FileManager.default.fileExists(atPath: "/dev/shm/falco-ipfeed-test.yaml"))
  }
}
