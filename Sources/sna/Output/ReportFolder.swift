import Foundation
import Network

/// A report folder written whole: every file goes into a fresh folder beside the target
/// (mode 0700, nothing in it but what sna wrote, so no symbolic link inside is followed), and
/// only after ``commit()`` does it take the target's place by rename. A killed or failed run
/// leaves the old folder as it was; the staging folders of runs that died are removed by the
/// next run. An existing target is replaced only when it is a report folder (or empty): a
/// folder of other files is refused, never emptied.
struct ReportFolder {
    let target: URL
    let staging: URL

    /// The files a report folder may hold (besides the CSVs and images sna writes).
    static func isReportFolder(_ url: URL) -> Bool {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return false }
        if items.isEmpty { return true }
        guard items.contains("index.html") || items.contains("report.md") else { return false }
        return items.allSatisfy { $0 == "index.html" || $0 == "report.md" || $0 == "images" || $0.hasSuffix(".csv") || $0.hasPrefix(".") }
    }

    /// `what` names the folder in messages; `accepts` says which existing folder may be
    /// replaced (default: a report folder or an empty one).
    init(_ path: String, what: String = "report", accepts: (URL) -> Bool = ReportFolder.isReportFolder) throws {
        target = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
            throw CLIError("\(path): cannot write the \(what) (folder \(parent.path) does not exist)")
        }
        var st = stat()
        if lstat(target.path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else {
                throw CLIError("\(path): \(st.st_mode & S_IFMT == S_IFLNK ? "a symbolic link" : "not a folder"): the \(what) goes to a new folder or replaces one sna wrote")
            }
            guard accepts(target) else {
                throw CLIError("\(path): a folder with other files in it (not an sna \(what)): give a new folder for the \(what); nothing was changed")
            }
        }
        ReportFolder.removeStale(in: parent, name: target.lastPathComponent)
        staging = parent.appendingPathComponent(".\(target.lastPathComponent).new-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        guard mkdir(staging.path, 0o700) == 0 else {
            throw CLIError("\(path): cannot create the \(what) folder (\(String(cString: strerror(errno))))")
        }
        chmod(staging.path, 0o700)
    }

    /// An export folder sna wrote (only CSV files and `import.sh`), or an empty one.
    static func isExportFolder(_ url: URL) -> Bool {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { return false }
        return items.allSatisfy { $0.hasSuffix(".csv") || $0 == "import.sh" || $0.hasPrefix(".") }
    }

    /// Writes `name` (a path inside the folder; its folders made 0700).
    func write(_ data: Data, _ name: String) throws {
        let url = staging.appendingPathComponent(name)
        let dir = url.deletingLastPathComponent()
        if dir.path != staging.path && !FileManager.default.fileExists(atPath: dir.path) {
            guard mkdir(dir.path, 0o700) == 0 else { throw CLIError("\(dir.path): cannot create (\(String(cString: strerror(errno))))") }
            chmod(dir.path, 0o700)
        }
        try AtomicFile.write(data, to: url.path)
    }

    /// Puts the folder in place: the old one (if any) is moved aside, the new one renamed in,
    /// the old one removed.
    func commit() throws {
        let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
        let had = FileManager.default.fileExists(atPath: target.path)
        if had {
            guard rename(target.path, old.path) == 0 else { discard(); throw CLIError("\(target.path): cannot replace (\(String(cString: strerror(errno))))") }
        }
        guard rename(staging.path, target.path) == 0 else {
            let why = String(cString: strerror(errno))
            if had { rename(old.path, target.path) }
            discard()
            throw CLIError("\(target.path): cannot put the report in place (\(why))")
        }
        if had { try? FileManager.default.removeItem(at: old) }
    }

    func discard() { try? FileManager.default.removeItem(at: staging) }

    /// Removes `.NAME.new-PID` and `.NAME.old-PID` folders of processes no longer running.
    static func removeStale(in parent: URL, name: String) {
        guard let items = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for item in items {
            for kind in [".new-", ".old-"] {
                let prefix = "." + name + kind
                guard item.hasPrefix(prefix), let pid = Int32(item.dropFirst(prefix.count)) else { continue }
                if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(item))
                }
            }
        }
    }
}
