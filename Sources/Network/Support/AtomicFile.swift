import Foundation

/// Writes files so that a reader never sees half a file and an error leaves the old file as it
/// was: the data goes to a temporary file beside the target (mode 0600, since outputs hold
/// personal data), which is then renamed over it.
public enum AtomicFile {
    public struct Error: Swift.Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): cannot write (\(reason))" }
    }

    public static func write(_ data: Data, to path: String) throws {
        try stage(data, to: path).commit()
    }

    /// Bytes written to a temporary file beside their target and synced, not yet in place:
    /// ``commit()`` renames them over the target, ``discard()`` removes them. A caller that
    /// must record something before an output is released stages, records, then commits.
    public struct Staged {
        public let path: String
        let tmp: String
        public func commit() throws {
            guard rename(tmp, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(tmp)
                throw Error(path: path, reason: reason)
            }
        }
        public func discard() { unlink(tmp) }
    }

    /// Checks the target (a new path or a regular file) and writes `data` beside it.
    public static func stage(_ data: Data, to path: String) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Error(path: path, reason: "folder \(dir.path) does not exist")
        }
        // Only a new path or a regular file is replaced: renaming over a device, a FIFO, a
        // socket or a folder (as root, `-o /dev/null` would turn the machine's /dev/null into a
        // file of personal data) is refused; a symbolic link is refused rather than followed.
        try checkTarget(url.path)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_EXCL, 0o600)
        guard fd >= 0 else { throw Error(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + off, raw.count - off)
                if n <= 0 { ok = false; break }
                off += n
            }
        }
        if fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok else {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            throw Error(path: path, reason: reason)
        }
        return Staged(path: url.path, tmp: tmp.path)
    }

    /// Refuses a target that is there and is not a regular file.
    public static func checkTarget(_ path: String) throws {
        var st = stat()
        if lstat(path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind != S_IFREG {
                let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO"
                    : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFSOCK ? "a socket" : "not a regular file"
                throw Error(path: path, reason: "it is \(what): outputs go to a new path or replace a regular file")
            }
        }
    }
}
