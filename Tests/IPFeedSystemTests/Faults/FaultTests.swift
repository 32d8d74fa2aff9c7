import Testing

/// The fault tests, one at a time: each runs a daemon and waits on it, and mounts file systems
/// over its own directories. Run side by side they would hold every thread that the other
/// suites' asynchronous tests need.
@Suite(.serialized) enum FaultTests {}
