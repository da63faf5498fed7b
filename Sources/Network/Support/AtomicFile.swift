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
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw Error(path: path, reason: "folder \(dir.path) does not exist")
        }
        // Only a new path or a regular file is replaced: renaming over a device, a FIFO, a
        // socket or a folder (as root, `-o /dev/null` would turn the machine's /dev/null into a
        // file of personal data) is refused; a symbolic link is refused rather than followed.
        var st = stat()
        if lstat(url.path, &st) == 0 {
            let kind = st.st_mode & S_IFMT
            if kind != S_IFREG {
                let what = kind == S_IFLNK ? "a symbolic link" : kind == S_IFDIR ? "a folder" : kind == S_IFIFO ? "a FIFO"
                    : kind == S_IFCHR || kind == S_IFBLK ? "a device" : kind == S_IFSOCK ? "a socket" : "not a regular file"
                throw Error(path: path, reason: "it is \(what): outputs go to a new path or replace a regular file")
            }
        }
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
        guard ok, rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp.path)
            throw Error(path: path, reason: reason)
        }
    }
}
