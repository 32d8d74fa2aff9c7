import Foundation

/// Debian's nginx on 127.0.0.1, serving the files of a temp directory with its own config:
/// real ETag, Last-Modified, 304 and gzip behaviour. With `tls`, a second server speaks HTTPS
/// with a self-signed certificate for 127.0.0.1 (`certificateFile` is its CA file).
///
/// Each request is logged to the access log with the headers the tests assert on
/// (`accessLog()`). Stopped by `stop()` or `deinit`.
final class NginxTestServer {
  static let binary = "/usr/sbin/nginx"

  /// Holds nginx.conf, the logs, the certificate and `root`.
  let directory: URL
  /// The files served.
  let root: URL
  let port: Int
  let tlsPort: Int?
  private var process: Process?

  var baseURL: String { "http://127.0.0.1:\(port)" }
  var tlsBaseURL: String { "https://127.0.0.1:\(tlsPort ?? 0)" }
  var certificateFile: String { directory.appendingPathComponent("cert.pem").path }

  init(tls: Bool = false) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
      throw TestServerError(
        "nginx is missing (\(Self.binary)): the HTTP tests need it; run `make deps` to install "
          + "the test dependencies")
    }
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("ipfeed-nginx-\(UUID().uuidString)")
    root = directory.appendingPathComponent("www")
    try FileManager.default.createDirectory(
      at: directory.appendingPathComponent("tmp"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    if tls {
      try Self.makeCertificate(in: directory)
    }

    var lastError: Error?
    var started: (process: Process, port: Int, tlsPort: Int?)?
    for _ in 0..<5 {  // a free port may be taken by another test before nginx binds it
      do {
        let port = try LoopbackPort.free()
        let tlsPort = tls ? try LoopbackPort.free() : nil
        try Self.config(directory: directory, root: root, port: port, tlsPort: tlsPort)
          .write(
            to: directory.appendingPathComponent("nginx.conf"), atomically: true,
            encoding: .utf8)
        let process = try Self.launch(
          directory: directory, ports: [port] + [tlsPort].compactMap { $0 })
        started = (process, port, tlsPort)
        break
      } catch {
        lastError = error
      }
    }
    guard let started else {
      try? FileManager.default.removeItem(at: directory)
      throw lastError ?? TestServerError("nginx did not start")
    }
    process = started.process
    port = started.port
    tlsPort = started.tlsPort
  }

  deinit {
    stop()
  }

  /// Stops nginx and removes the temp directory.
  ///
  /// SIGKILL: nginx runs as one process (`master_process off`), and a process started from the
  /// test runner inherits a signal mask that blocks SIGTERM, which that nginx never unblocks.
  func stop() {
    if let process, process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    process = nil
    try? FileManager.default.removeItem(at: directory)
  }

  /// Writes a file to serve, with the given modification time (nginx's Last-Modified and
  /// ETag derive from it).
  func serve(_ name: String, _ bytes: [UInt8], modified: Date = Date(timeIntervalSince1970: 1e9))
    throws
  {
    let url = root.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: url.path)
  }

  /// One access log line.
  struct Request: Equatable {
    var status: Int
    var bodyBytesSent: Int
    /// Bytes sent, headers included.
    var bytesSent: Int
    var ifNoneMatch: String?
    var ifModifiedSince: String?
    var acceptEncoding: String?
    var userAgent: String?
    var uri: String
  }

  /// The requests served so far, oldest first. nginx logs a request after it sent the
  /// response, so this waits (up to 2 s) until the log has `count` lines.
  func accessLog(count: Int = 0) throws -> [Request] {
    let path = directory.appendingPathComponent("access.log")
    var text = ""
    let deadline = Date().addingTimeInterval(2)
    repeat {
      text = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
      if text.split(separator: "\n").count >= count { break }
      Thread.sleep(forTimeInterval: 0.01)
    } while Date() < deadline
    return text.split(separator: "\n").map { line in
      let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
      func value(_ index: Int) -> String? {
        index < fields.count && !["", "-"].contains(fields[index]) ? fields[index] : nil
      }
      return Request(
        status: Int(fields[0]) ?? 0, bodyBytesSent: Int(value(1) ?? "") ?? 0,
        bytesSent: Int(value(2) ?? "") ?? 0, ifNoneMatch: value(3), ifModifiedSince: value(4),
        acceptEncoding: value(5), userAgent: value(6), uri: value(7) ?? "")
    }
  }

  private static func config(directory: URL, root: URL, port: Int, tlsPort: Int?) -> String {
    let dir = directory.path
    var config = """
      daemon off;
      master_process off;
      worker_processes 1;
      pid \(dir)/nginx.pid;
      error_log \(dir)/error.log warn;
      events { worker_connections 64; }
      http {
        types { text/plain txt; text/html html; }
        default_type application/octet-stream;
        log_format ipfeed escape=none '$status|$body_bytes_sent|$bytes_sent|$http_if_none_match|$http_if_modified_since|$http_accept_encoding|$http_user_agent|$request_uri';
        access_log \(dir)/access.log ipfeed;
        client_body_temp_path \(dir)/tmp/body;
        proxy_temp_path \(dir)/tmp/proxy;
        fastcgi_temp_path \(dir)/tmp/fastcgi;
        uwsgi_temp_path \(dir)/tmp/uwsgi;
        scgi_temp_path \(dir)/tmp/scgi;
        gzip on;
        gzip_types text/plain;
        gzip_min_length 0;
        etag on;
        server {
          listen 127.0.0.1:\(port);
          root \(root.path);
          location = /to-https { return 302 https://127.0.0.1:\(tlsPort ?? 1)/feed.txt; }
        }

      """
    if let tlsPort {
      config += """
          server {
            listen 127.0.0.1:\(tlsPort) ssl;
            ssl_certificate \(dir)/cert.pem;
            ssl_certificate_key \(dir)/key.pem;
            root \(root.path);
            location = /to-http { return 302 http://127.0.0.1:\(port)/feed.txt; }
          }

        """
    }
    return config + "}\n"
  }

  private static func launch(directory: URL, ports: [Int]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = [
      "-c", directory.appendingPathComponent("nginx.conf").path,
      "-p", directory.path,
      "-e", directory.appendingPathComponent("error.log").path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      if ports.allSatisfy(LoopbackPort.accepts) {
        return process
      }
      if !process.isRunning {
        break
      }
      Thread.sleep(forTimeInterval: 0.02)
    }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    let log =
      (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8))
      ?? ""
    throw TestServerError("nginx did not start on ports \(ports): \(log)")
  }

  /// A self-signed certificate for 127.0.0.1 (an EC key: quick to make).
  private static func makeCertificate(in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", directory.appendingPathComponent("key.pem").path,
      "-out", directory.appendingPathComponent("cert.pem").path,
      "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestServerError("openssl could not make a test certificate (is openssl installed?)")
    }
  }
}
