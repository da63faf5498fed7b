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
