import Foundation
import Testing

/// `make install` into a staging directory (DESTDIR), as a package build runs it.
@Suite struct MakeInstallTests {
  /// The config holds the source URLs, which may carry credentials: like the state directory,
  /// it is not for every user to read.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")))
  func theConfigIsInstalledReadableByRootAndItsGroupOnly() throws {
    let directory = try TemporaryDirectory()
    let stage = directory.file("stage")
    let make = Process()
    make.executableURL = URL(fileURLWithPath: "/usr/bin/make")
    make.currentDirectoryURL = TestPaths.package
    make.arguments = [
      "--no-print-directory", "install", "DESTDIR=\(stage)", "BINARY=\(TestPaths.binary)",
      "PLUGIN_LIBRARY=\(TestPaths.plugin)",
    ]
    make.standardOutput = FileHandle.nullDevice
    try make.run()
    make.waitUntilExit()
    #expect(make.terminationStatus == 0)
    var info = stat()
    #expect(stat("\(stage)/etc/falco-ipfeed/falco-ipfeed.yaml", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o640)
    #expect(stat("\(stage)/usr/local/bin/falco-ipfeed", &info) == 0)
    #expect(info.st_mode & 0o777 == 0o755)
  }
}
