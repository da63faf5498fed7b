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

    /// Set by tests to compare serial and parallel runs, for the current task only
    /// (`Parallel.$forcedThreads.withValue(1) { … }`), so tests running in parallel do not
    /// change each other's setting.
    @TaskLocal static var forcedThreads: Int?

    /// Threads to use: `SNA_THREADS` if set (≥ 1), else the active processor count.
    public static var threads: Int {
        if let forced = forcedThreads { return forced }
        return processThreads
    }

    /// `SNA_THREADS` or the processor count, read once (reading the environment builds a
    /// dictionary: too slow for a loop's every turn).
    static let processThreads: Int = {
        if let s = ProcessInfo.processInfo.environment["SNA_THREADS"], let v = Int(s), v >= 1 { return v }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Runs `body(chunk)` for every chunk in `0..<chunks`, in parallel unless `threads == 1`.
    public static func forEachChunk(_ chunks: Int, _ body: @Sendable (Int) -> Void) {
        if chunks == 1 || threads == 1 {
            for c in 0..<chunks { body(c) }
        } else {
            DispatchQueue.concurrentPerform(iterations: chunks) { body($0) }
        }
    }
}

extension Parallel {
    /// The one per-chunk reduction of the package, and its determinism contract: `0..<count`
    /// is cut into `chunks` chunks (a number that must not depend on the core count); chunk `c`
    /// adds into its own zeroed buffer of `length` values through `body(c, items, buffer)`;
    /// the buffers are then summed in chunk order 0, 1, 2, …. Floating-point sums therefore
    /// come out bit-identical on one thread or many.
    public static func chunkedSum<T: AdditiveArithmetic>(
        count: Int, chunks: Int, length: Int,
        _ body: @Sendable (_ chunk: Int, _ items: Range<Int>, _ acc: UnsafeMutableBufferPointer<T>) -> Void
    ) -> [T] {
        let partial = (0..<chunks).map { _ in SharedBuffer<T>(repeating: .zero, count: length) }
        forEachChunk(chunks) { c in body(c, range(chunk: c, of: chunks, count: count), partial[c].pointer) }
        var total = [T](repeating: .zero, count: length)
        for c in 0..<chunks {
            let p = partial[c].pointer
            for i in 0..<length { total[i] += p[i] }
        }
        return total
    }
}

/// A fixed-size buffer that several chunks write to at disjoint indices.
/// A shared counter handing out work to threads: `take(k)` returns the start of the next `k`
/// items. For loops whose result does not depend on which thread did an item.
final class WorkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    func take(_ k: Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        let lo = next
        next += k
        return lo
    }
}

final class SharedBuffer<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
    init(repeating value: T, count: Int) {
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: value)
    }
    deinit { pointer.deinitialize(); pointer.deallocate() }
    var array: [T] { Array(pointer) }
}

/// A value handed to parallel chunks that only read it (an unsafe pointer to a buffer that
/// outlives the parallel loop).
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
