#if canImport(Glibc)
import Glibc
#endif

/// An errno in words: `strerror`'s text and the constant's name (`No such device (ENODEV)`),
/// so a message says what failed rather than a bare number.
enum ErrnoName {
    /// The names of the errnos CNE's system calls report; others read `errno N`.
    private static let names: [Int32: String] = [
        EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO", ENXIO: "ENXIO",
        E2BIG: "E2BIG", EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM", EACCES: "EACCES",
        EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST", ENODEV: "ENODEV", ENOTDIR: "ENOTDIR",
        EISDIR: "EISDIR", EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE", ENOTTY: "ENOTTY",
        ENOSPC: "ENOSPC", EROFS: "EROFS", EPIPE: "EPIPE", ERANGE: "ERANGE", ENAMETOOLONG: "ENAMETOOLONG",
        ENOSYS: "ENOSYS", ELOOP: "ELOOP", ENOTSOCK: "ENOTSOCK", EMSGSIZE: "EMSGSIZE",
        EPROTONOSUPPORT: "EPROTONOSUPPORT", EOPNOTSUPP: "EOPNOTSUPP", EAFNOSUPPORT: "EAFNOSUPPORT",
        EADDRINUSE: "EADDRINUSE", EADDRNOTAVAIL: "EADDRNOTAVAIL", ENETDOWN: "ENETDOWN",
        ENETUNREACH: "ENETUNREACH", ECONNRESET: "ECONNRESET", ENOBUFS: "ENOBUFS", ENOTCONN: "ENOTCONN",
        ETIMEDOUT: "ETIMEDOUT", ECONNREFUSED: "ECONNREFUSED",
    ]

    /// `ENODEV`, or `errno N` for one without a known name.
    static func name(_ errno: Int32) -> String { names[errno] ?? "errno \(errno)" }

    /// `No such device (ENODEV)`; for 0, that no cause was given rather than glibc's "Success".
    static func describe(_ errno: Int32) -> String {
        // CNDP 25.08's xskdev_socket_create returns NULL with errno 0 when libxdp refuses the
        // socket: it logs the error libxdp returns (`ret`) and does not pass it on.
        // "Success (errno 0)" would read as if nothing had failed.
        if errno == 0 { return "the library gave no cause (errno not set)" }
        let text = strerror(errno).map { String(cString: $0) } ?? "unknown error"
        return "\(text) (\(name(errno)))"
    }
}
