import CLibraryLoader
import Foundation
import Testing

/// libcurl, libsystemd and libcrypto are loaded on first use: short commands map none of them,
/// and a library that cannot be loaded is an error that names it and the package to install.
@Suite struct LibraryLoadingTests {
  private static let lazyLibraries = ["libcurl.so.4", "libsystemd.so.0", "libcrypto.so.3"]

  /// The libraries the dynamic loader opened for one run (`LD_DEBUG=files` on stderr).
  private func loadedLibraries(_ arguments: [String]) throws -> (
    run: CommandRun, files: Set<String>
  ) {
    let run = try CommandRun.falcoIPFeed(arguments, environment: ["LD_DEBUG": "files"])
    var files: Set<String> = []
    for line in run.error.split(separator: "\n") {
      guard let start = line.range(of: "file=") else { continue }
      files.insert(String(line[start.upperBound...].prefix { $0 != " " && $0 != "[" }))
    }
    return (run, files)
  }

  @Test func shortCommandsLoadNoneOfThem() throws {
    for arguments in [["--version"], ["render", "--threshold", "1", TestPaths.sampleFeed]] {
      let (run, files) = try loadedLibraries(arguments)
      // The loader's trace works: it names the libraries every run needs.
      #expect(files.contains("libsqlite3.so.0"), "\(arguments): \(run.error.prefix(2000))")
      for library in Self.lazyLibraries {
        #expect(!files.contains(library), "\(arguments) loaded \(library)")
      }
    }
  }

  /// `once` from a file needs no libcurl; `lookup` and `history` read the journal alone.
  @Test func onceFromAFileLoadsNoLibcurlAndLookupNothing() throws {
    let directory = try TemporaryDirectory()
    let config = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(TestPaths.sampleFeed)
      output:
        path: \(directory.file("rules.d/falco-ipfeed.yaml"))
      falco:
        reload: none
        validate: never
      """)
    let (run, files) = try loadedLibraries(["once", "--config", config])
    #expect(run.status == 0, "\(run.error.suffix(2000))")
    #expect(!files.contains("libcurl.so.4"))
    // The rules file's digest for the journal: libcrypto is loaded when it is needed.
    #expect(files.contains("libcrypto.so.3"))
    for arguments in [["lookup", "192.0.2.1"], ["history"]] {
      let (read, readFiles) = try loadedLibraries(arguments + ["--config", config])
      #expect(read.status == 0 || read.status == 1, "\(arguments): \(read.error.suffix(2000))")
      #expect(readFiles.contains("libsqlite3.so.0"))
      for library in Self.lazyLibraries {
        #expect(!readFiles.contains(library), "\(arguments) loaded \(library)")
      }
    }
  }

  /// A loader description whose strings live as long as the test.
  private func withLibrary<Result>(
    soname: String, symbols: [String], _ body: (inout falco_ipfeed_library) -> Result
  ) -> Result {
    let sonameCopy = strdup(soname)
    let packageCopy = strdup("libexample1")
    let names = symbols.map { UnsafePointer(strdup($0)) }
    defer {
      free(sonameCopy)
      free(packageCopy)
      for name in names { free(UnsafeMutablePointer(mutating: name)) }
    }
    var slots = [UnsafeMutableRawPointer?](repeating: nil, count: symbols.count)
    return names.withUnsafeBufferPointer { namePointers in
      slots.withUnsafeMutableBufferPointer { slotPointers in
        // Zeroed: state "not tried", and a zeroed mutex is PTHREAD_MUTEX_INITIALIZER on glibc.
        var library = falco_ipfeed_library()
        library.soname = UnsafePointer(sonameCopy)
        library.package = UnsafePointer(packageCopy)
        library.symbol_names = namePointers.baseAddress
        library.symbol_slots = slotPointers.baseAddress
        library.symbol_count = symbols.count
        return body(&library)
      }
    }
  }

  private func errorText(_ library: inout falco_ipfeed_library) -> String {
    withUnsafeBytes(of: &library.error) {
      String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
    }
  }

  @Test func anAbsentLibraryIsNamedWithThePackageToInstall() {
    withLibrary(soname: "libfalco-ipfeed-absent.so.9", symbols: ["absent_function"]) { library in
      #expect(!falco_ipfeed_library_load(&library))
      let error = errorText(&library)
      #expect(error.hasPrefix("libfalco-ipfeed-absent.so.9 could not be loaded ("), "\(error)")
      #expect(error.hasSuffix("): install Debian's libexample1"), "\(error)")
      // The first answer stands: no second attempt, the same error.
      #expect(!falco_ipfeed_library_load(&library))
      #expect(errorText(&library) == error)
    }
  }

  @Test func aLibraryWithoutAFunctionIsNamedAsTooOld() {
    withLibrary(soname: "libc.so.6", symbols: ["getpid", "falco_ipfeed_absent_function"]) {
      library in
      #expect(!falco_ipfeed_library_load(&library))
      #expect(
        errorText(&library)
          == "libc.so.6 has no falco_ipfeed_absent_function: it is older than falco-ipfeed needs;"
          + " upgrade Debian's libexample1")
      // All or none: the function that was found is not left half-resolved.
      #expect(library.symbol_slots[0] == nil)
    }
  }

  @Test func aPresentLibraryResolvesEveryFunction() {
    withLibrary(soname: "libc.so.6", symbols: ["getpid", "getppid"]) { library in
      #expect(falco_ipfeed_library_load(&library))
      let getpidAddress = library.symbol_slots[0]
      #expect(getpidAddress != nil && library.symbol_slots[1] != nil)
      let function = unsafeBitCast(getpidAddress, to: (@convention(c) () -> Int32).self)
      #expect(function() == getpid())
    }
  }
}
