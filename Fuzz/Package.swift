// swift-tools-version:6.1
import PackageDescription

// libFuzzer harnesses for falco-ipfeed, a package apart so that the daemon's own build and tests
// never see them. Build and run with ./run.sh (or make fuzz at the top):
//   swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld
let core = Target.Dependency.product(name: "IPFeedCore", package: "falco-ipfeed")

let package = Package(
  name: "falco-ipfeed-fuzz",
  dependencies: [
    .package(name: "falco-ipfeed", path: ".."),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // libFuzzer's driver entry point, declared for Swift.
    .target(name: "CLibFuzzer"),
    // The driver and the properties the harnesses check, shared between them.
    .target(
      name: "FuzzSupport",
      dependencies: ["CLibFuzzer", core, .product(name: "Yams", package: "Yams")]
    ),
    .executableTarget(name: "fuzz-address", dependencies: [core, "FuzzSupport"]),
    .executableTarget(name: "fuzz-feed-ipsum", dependencies: [core, "FuzzSupport"]),
    .executableTarget(name: "fuzz-feed-plain", dependencies: [core, "FuzzSupport"]),
    .executableTarget(name: "fuzz-render", dependencies: [core, "FuzzSupport"]),
    .executableTarget(name: "fuzz-plugin-data", dependencies: [core, "FuzzSupport"]),
    .executableTarget(name: "fuzz-plugin-event", dependencies: [core, "FuzzSupport"]),
    .executableTarget(
      name: "fuzz-config",
      dependencies: [
        core, "FuzzSupport", .product(name: "IPFeedSystem", package: "falco-ipfeed"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
