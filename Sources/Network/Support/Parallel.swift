import Dispatch
import Foundation

/// Deterministic data parallelism for per-source loops.
///
/// Work `0..<count` is cut into a number of chunks that depends only on `count` (never on the
/// number of cores), chunks run on all cores through `DispatchQueue.concurrentPerform`, and
/// callers combine per-chunk partial results in chunk order. So a result is bit-identical
/// whether it ran on one thread or many.
public enum Parallel {
    /// Chunks used for `count` items: at most `maxChunks`, at least 1.
    public static func chunkCount(_ count: Int, maxChunks: Int = 16) -> Int {
        max(1, min(count, maxChunks))
    }

    /// The half-open range of chunk `c` of `chunks` over `0..<count`.
    public static func range(chunk c: Int, of chunks: Int, count: Int) -> Range<Int> {
        let lo = count * c / chunks
        let hi = count * (c + 1) / chunks
        return lo..<hi
    }

    /// Set by tests to compare serial and parallel runs.
    nonisolated(unsafe) static var forcedThreads: Int?

    /// Threads to use: `SNA_THREADS` if set (≥ 1), else the active processor count.
    public static var threads: Int {
        if let forced = forcedThreads { return forced }
        if let s = ProcessInfo.processInfo.environment["SNA_THREADS"], let v = Int(s), v >= 1 { return v }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunks`, in parallel unless `threads == 1`.
    public static func forEachChunk(_ chunks: Int, _ body: @Sendable (Int) -> Void) {
        if threads == 1 || chunks == 1 {
            for c in 0..<chunks { body(c) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { body($0) }
        }
    }
}

/// A fixed-size buffer that several chunks write to at disjoint indices.
final class SharedBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
    init(repeating value: T, count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value)
    }
    deinit { pointer.deinitialize(); pointer.deallocate() }
    var array: [T] { Array(pointer) }
}
