import Foundation
import IPFeedSystem
import Testing

/// What a failed D-Bus call to systemd says: where it failed, and what to do about it.
@Suite struct SystemdBusErrorTests {
  @Test(arguments: [
    ("org.freedesktop.systemd1.NoSuchUnit", "systemd refused", "Is falco.unit right?"),
    ("org.freedesktop.DBus.Error.AccessDenied", "systemd refused", "run it as root"),
    ("org.freedesktop.DBus.Error.ServiceUnknown", "the system bus has no systemd", "pid_file"),
    ("org.freedesktop.DBus.Error.Spawn.ChildExited", "the system bus has no systemd", "pid_file"),
    ("org.freedesktop.DBus.Error.NoReply", "systemd did not answer", "next cycle"),
    (nil, "systemd did not answer", "next cycle"),
  ])
  func eachFailureSaysWhereAndWhatToDo(name: String?, says: String, advice: String) {
    let error = SystemdBusError(
      call: "KillUnit falco.service", unit: "falco.service", name: name, message: "it failed")
    #expect(error.description.contains(says), "\(error)")
    #expect(error.description.contains(advice), "\(error)")
    #expect(error.description.contains("KillUnit falco.service"))
  }

  @Test func anUnreachableBusIsNotARefusal() {
    let error = SystemdBusError.busUnreachable(
      call: "KillUnit falco.service", unit: "falco.service", reason: "No such file or directory")
    #expect(error.kind == .busUnreachable)
    #expect(!error.description.contains("refused"))
    #expect(error.description.contains("Is systemd running on this host"))
  }
}

/// `once` making Falco reload through systemd where systemd cannot be reached: the error says
/// which, and what to do.
@Suite struct SystemdUnreachableTests {
  let directory: TemporaryDirectory
  let config: String

  init() throws {
    directory = try TemporaryDirectory()
    try directory.write("feeds/ipsum.txt", "8.8.8.8\t9\n")
    config = try directory.write(
      "falco-ipfeed.yaml",
      """
      state_directory: \(directory.file("state"))
      sources:
        - name: ipsum
          url: file://\(directory.file("feeds/ipsum.txt"))
      output:
        path: \(directory.file("falco/rules.d/falco-ipfeed.yaml"))
      falco:
        reload: sighup
        validate: never
      """)
  }

  @Test func noSystemBusSaysSystemdCannotBeReached() throws {
    let run = try CommandRun.falcoIPFeed(
      ["once", "--config", config],
      environment: ["DBUS_SYSTEM_BUS_ADDRESS": "unix:path=\(directory.file("no-bus"))"])
    #expect(run.status == 1)
    #expect(run.error.contains("cannot reach systemd for KillUnit falco.service"), "\(run.error)")
    #expect(run.error.contains("Is systemd running on this host"), "\(run.error)")
    #expect(!run.error.contains("refused"), "\(run.error)")
  }

  /// A real D-Bus daemon without systemd on it.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dbus-daemon")))
  func aBusWithoutSystemdSaysSo() throws {
    let socket = directory.file("bus")
    // No service directories: the bus answers at once that nobody owns systemd's name.
    let busConfig = try directory.write(
      "bus.conf",
      """
      <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
       "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
      <busconfig>
        <type>system</type>
        <listen>unix:path=\(socket)</listen>
        <auth>EXTERNAL</auth>
        <policy context="default">
          <allow send_destination="*"/>
          <allow own="*"/>
          <allow receive_sender="*"/>
        </policy>
      </busconfig>
      """)
    let daemon = Process()
    daemon.executableURL = URL(fileURLWithPath: "/usr/bin/dbus-daemon")
    daemon.arguments = ["--config-file=\(busConfig)", "--nofork", "--nopidfile"]
    daemon.standardOutput = FileHandle.nullDevice
    try daemon.run()
    defer {
      // SIGKILL: the daemon inherits the test process's blocked signals, SIGTERM among them.
      kill(daemon.processIdentifier, SIGKILL)
      daemon.waitUntilExit()
    }
    let deadline = ContinuousClock.now + .seconds(10)
    while !FileManager.default.fileExists(atPath: socket) && ContinuousClock.now < deadline {
      usleep(20_000)
    }
    let run = try CommandRun.falcoIPFeed(
      ["once", "--config", config], environment: ["DBUS_SYSTEM_BUS_ADDRESS": "unix:path=\(socket)"])
    #expect(run.status == 1)
    #expect(run.error.contains("the system bus has no systemd on it"), "\(run.error)")
    #expect(run.error.contains("falco.pid_file"), "\(run.error)")
    #expect(!run.error.contains("refused"), "\(run.error)")
  }
}
