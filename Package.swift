// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "falco-ipfeed",
  products: [
    .executable(name: "falco-ipfeed", targets: ["falco-ipfeed"]),
    // For the benchmark package under Benchmarks/.
    .library(name: "IPFeedCore", targets: ["IPFeedCore"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // Pure Swift, no I/O: addresses, feed parsing, policy, diff, rendering, config model.
    .target(name: "IPFeedCore"),
    // libcurl's easy interface, with typed shims for its variadic functions.
    .systemLibrary(
      name: "CCurl",
      pkgConfig: "libcurl",
      providers: [.apt(["libcurl4-openssl-dev"])]
    ),
    // libsystemd: sd-daemon (notify), sd-journal (sendv), sd-bus (typed shims for its calls).
    .systemLibrary(
      name: "CSystemd",
      pkgConfig: "libsystemd",
      providers: [.apt(["libsystemd-dev"])]
    ),
    // OpenSSL's libcrypto (already loaded by libcurl): SHA-256 of the rules file.
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
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
    .testTarget(
      name: "IPFeedCoreTests",
      dependencies: ["IPFeedCore", .product(name: "Yams", package: "Yams")]
    ),
    .testTarget(
      name: "IPFeedSystemTests",
      dependencies: ["IPFeedCore", "IPFeedSystem", "falco-ipfeed"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
