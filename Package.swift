// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "falco-ipfeed",
  products: [
    .executable(name: "falco-ipfeed", targets: ["falco-ipfeed"]),
    // The Falco plugin of plugin mode: libfalco-ipfeed-plugin.so, installed as libfalco-ipfeed.so.
    .library(name: "falco-ipfeed-plugin", type: .dynamic, targets: ["IPFeedPlugin"]),
    // For the libFuzzer harnesses in Fuzz/ and the benchmark in Benchmarks/, packages of their own
    // that depend on this one.
    .library(name: "IPFeedCore", targets: ["IPFeedCore"]),
    .library(name: "IPFeedSystem", targets: ["IPFeedSystem"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    // Property-based tests: generators that shrink a failing input and print its seed.
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // Pure Swift, no I/O: addresses, feed parsing, policy, diff, rendering, config model.
    .target(name: "IPFeedCore"),
    // dlopen on first use, for the three C libraries below: short commands such as `render` and
    // `lookup` load none of them (see CLibraryLoader.h).
    .target(name: "CLibraryLoader"),
    // libcurl's easy interface (headers from libcurl4-openssl-dev; libcurl.so.4 at run time),
    // with typed shims for its variadic functions.
    .target(name: "CCurl", dependencies: ["CLibraryLoader"]),
    // libsystemd: sd-daemon (notify), sd-journal (sendv), sd-bus (typed shims for its calls).
    .target(name: "CSystemd", dependencies: ["CLibraryLoader"]),
    // OpenSSL's libcrypto (already loaded by libcurl): SHA-256 of the rules file.
    .target(name: "CCrypto", dependencies: ["CLibraryLoader"]),
    // glibc's malloc.h: malloc_trim, to give memory back after a daemon cycle.
    .systemLibrary(name: "CMalloc"),
    // The imperative shell: files, config loading, logging, HTTP, state, systemd.
    .target(
      name: "IPFeedSystem",
      dependencies: [
        "IPFeedCore",
        "CCurl",
        "CSystemd",
        "CCrypto",
        "CMalloc",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // Argument parsing and wiring only.
    .executableTarget(
      name: "falco-ipfeed",
      dependencies: [
        "IPFeedCore",
        "IPFeedSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // Our own C declarations of Falco's plugin API types (no library to link).
    .systemLibrary(name: "CFalcoPlugin"),
    // The Falco plugin: entry points, the loaded set and its swap. IPFeedCore only: no
    // Foundation, GRDB or libcurl, so that the library needs nothing but libc at run time.
    // Release builds link the Swift runtime statically (SwiftPM's --static-swift-stdlib leaves
    // dynamic libraries alone): Falco hosts have no Swift installed.
    .target(
      name: "IPFeedPlugin", dependencies: ["IPFeedCore", "CFalcoPlugin"],
      linkerSettings: [
        .unsafeFlags(
          ["-static-stdlib", "-Xlinker", "--exclude-libs=ALL"], .when(configuration: .release))
      ]
    ),
    // A C program that loads the plugin as Falco does (dlopen, the plugin API), for the tests.
    .executableTarget(name: "falco-plugin-harness", path: "Tests/PluginHarness"),
    .testTarget(
      name: "IPFeedCoreTests",
      dependencies: [
        "IPFeedCore",
        .product(name: "Yams", package: "Yams"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(name: "IPFeedPluginTests", dependencies: ["IPFeedCore"]),
    .testTarget(
      name: "IPFeedSystemTests",
      dependencies: ["IPFeedCore", "IPFeedSystem", "falco-ipfeed", "CLibraryLoader"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
