import Glibc

/// A failed system call on a path: what was being done, to which path, and `errno`, with a
/// hint for the causes a user can fix.
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was being done, as a verb phrase: "create the temporary file".
  public var operation: String
  public var path: String
  public var errno: Int32

  public init(_ operation: String, path: String, errno: Int32 = Glibc.errno) {
    self.operation = operation
    self.path = path
    self.errno = errno
  }

  public var description: String {
    var text = "could not \(operation) \(path): \(String(cString: strerror(errno)))"
    switch errno {
    case EACCES, EPERM:
      text += ". Run as root, or make the directory writable for this user"
    case EROFS:
      text += ". The file system is read-only here; under systemd, list the directory in the"
      text += " unit's ReadWritePaths="
    case EXDEV:
      text += ". The temporary file and the target must be on the same file system"
    case ENOSPC, EDQUOT:
      text += ". Free some space"
    default:
      break
    }
    return text
  }
}
