// swift-tools-version:6.1
import PackageDescription

// The benchmark stays out of the main package: `make bench` builds it in release, and neither
// `make build` nor `swift test` compiles it.
let package = Package(
  name: "falco-ipfeed-benchmarks",
  dependencies: [
    .package(name: "falco-ipfeed", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "falco-ipfeed-bench",
      dependencies: [.product(name: "IPFeedCore", package: "falco-ipfeed")]
    )
  ],
  swiftLanguageModes: [.v6]
)
