#if canImport(Glibc)
import Glibc
#endif

/// Keeps a large file that is written or read once, front to back, from filling the system's page
/// cache: every `window` bytes passed, the system is told that the file's last few windows are not
/// needed again (`POSIX_FADV_DONTNEED`). Pages already on disk are dropped at once; for pages still
/// dirty it starts their write-back, and a later call drops them. Nothing waits for the disk.
///
/// An audit export of a national season is tens of gigabytes: cached whole, it would evict the
/// database's own pages from a machine that serves both. And on a virtual machine whose free memory
/// goes back to its host, a page cache that grows by a gigabyte takes every page anew, which cost
/// ten times the copy itself (docs/benchmarks.md): recycled behind the writer, the same few
/// megabytes serve the whole file. PostgreSQL's `*_flush_after` settings exist for the same reason.
public struct DropBehind: Sendable {
    public static let defaultWindow = 32 << 20
    /// Windows handed back at each call: the one just passed and those whose write-back an earlier
    /// call started.
    static let windowsAdvised = 4

    private let descriptor: Int32
    private let window: Int
    private var position: Int
    private var advisedAt: Int

    /// For the file open at `descriptor`, from its current offset on. Nil for anything else than a
    /// regular file not opened to append (a pipe or a terminal keeps nothing to drop; an append's
    /// offset is the file's end, only known at each write), and where the system has no such advice.
    public init?(descriptor: Int32, window: Int = defaultWindow) {
        #if os(Linux)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              fcntl(descriptor, F_GETFL) & O_APPEND == 0 else { return nil }
        let offset = lseek(descriptor, 0, SEEK_CUR)
        guard offset >= 0 else { return nil }
        self.descriptor = descriptor
        self.window = max(window, 1)
        position = Int(offset)
        advisedAt = position
        #else
        return nil
        #endif
    }

    /// After `count` more bytes of the file were written, or read and used.
    public mutating func passed(_ count: Int) {
        position += count
        guard position - advisedAt >= window else { return }
        advisedAt = position
        #if os(Linux)
        let start = max(0, position - Self.windowsAdvised * window)
        // Only advice: a refusal (a file system that cannot drop pages) leaves the file as it is.
        _ = posix_fadvise(descriptor, off_t(start), off_t(position - start), POSIX_FADV_DONTNEED)
        #endif
    }
}
