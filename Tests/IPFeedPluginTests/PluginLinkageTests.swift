import Foundation
import Testing

/// The release library (what `make build` makes and `make install` installs) needs nothing but
/// the C and C++ runtimes: Falco hosts have no Swift, Foundation, GRDB or libcurl for it.
@Suite struct PluginLinkageTests {
  static let releaseBuilt = FileManager.default.fileExists(atPath: PluginPaths.releaseLibrary)
  static let allowed: Set = [
    "linux-vdso.so.1", "libc.so.6", "libm.so.6", "libstdc++.so.6", "libgcc_s.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1",
  ]

  @Test(
    .enabled(
      if: releaseBuilt,
      "no .build/release/libfalco-ipfeed-plugin.so: run make build (make test does) first"))
  func lddShowsOnlyTheAllowedLibraries() throws {
    let ldd = Process()
    ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
    ldd.arguments = [PluginPaths.releaseLibrary]
    let output = Pipe()
    ldd.standardOutput = output
    try ldd.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    ldd.waitUntilExit()
    #expect(ldd.terminationStatus == 0)
    let libraries = text.split(separator: "\n").compactMap { line in
      line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map {
        String($0.split(separator: "/").last ?? $0)
      }
    }
    #expect(!libraries.isEmpty)
    #expect(Set(libraries).isSubset(of: Self.allowed), "ldd: \(text)")
    #expect(!text.contains("not found"))
  }

  @Test(
    .enabled(
      if: releaseBuilt,
      "no .build/release/libfalco-ipfeed-plugin.so: run make build (make test does) first"))
  func releaseLibraryLoadsInAProcessWithoutSwift() throws {
    let harness = try PluginHarness(library: PluginPaths.releaseLibrary)
    #expect(harness.fields("info")["name"] == "ipfeed")
    #expect(harness.initialise("{\"data_path\":\"/nonexistent/falco-ipfeed.bin\"}").rc == 0)
    harness.send("destroy")
  }
}
