import Foundation
import MeetingPack

/// A progress line on a terminal (stderr); nothing when stderr is a pipe or a file.
final class Progress: ProgressSink {
    let enabled: Bool
    let total: Int
    var count = 0

    init(total: Int) {
        enabled = isatty(STDERR_FILENO) == 1
        self.total = total
    }

    func step(_ what: String) {
        count += 1
        guard enabled else { return }
        let width = 24
        let filled = min(width, count * width / max(total, 1))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let line = "\r[\(bar)] \(what)"
        FileHandle.standardError.write(Data((line.padding(toLength: max(line.count, 72), withPad: " ", startingAt: 0)).utf8))
    }

    func done() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: 100))\r".utf8))
    }
}

/// For work that cannot report steps (a kernel running on both cores): on a terminal, after
/// one second, a line saying what is being computed and for how long, updated every second;
/// nothing on a pipe, and nothing for work that ends within a second.
func working<T>(_ what: String, _ body: () throws -> T) rethrows -> T {
    guard isatty(STDERR_FILENO) == 1 else { return try body() }
    let state = WorkingLine(what)
    state.start()
    defer { state.stop() }
    return try body()
}

final class WorkingLine: @unchecked Sendable {
    let what: String
    let lock = NSLock()
    var finished = false
    var shown = false
    let started = Date()

    init(_ what: String) { self.what = what }

    func start() {
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: 1)
                lock.lock()
                if finished { lock.unlock(); return }
                let seconds = Int(Date().timeIntervalSince(started))
                FileHandle.standardError.write(Data("\r\(what) … \(seconds) s   ".utf8))
                shown = true
                lock.unlock()
            }
        }
        thread.start()
    }

    func stop() {
        lock.lock()
        finished = true
        if shown { FileHandle.standardError.write(Data("\r\(String(repeating: " ", count: what.count + 16))\r".utf8)) }
        lock.unlock()
    }
}
