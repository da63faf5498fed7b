/// Open-addressing hash tables for the load path: ids → dense indices and node pairs → edge
/// indices. They hash with fixed multiplicative / FNV-1a mixing instead of `Hasher` (whose
/// per-process seeding dominated profiles of million-edge loads); no order ever reaches a user.

/// Interns string ids to dense `Int32` indices in order of first appearance.
///
/// - Complexity: O(1) expected per lookup; memory ≈ 8 bytes per slot at load ≤ 0.5 plus the
///   strings.
public struct IDInterner: Sendable {
    public private(set) var ids: [String] = []
    private var slots: [Int32]
    private var hashes: [UInt32]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [UInt32](repeating: 0, count: size)
        mask = size - 1
        ids.reserveCapacity(capacity)
    }

    public var count: Int { ids.count }

    @inline(__always)
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var s = s
        s.withUTF8 { buf in
            for b in buf { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        }
        return h ^ (h >> 29)
    }

    /// The index of `id`, or `nil`.
    public func index(of id: String) -> Int32? {
        let h = Self.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        while true {
            let s = slots[i]
            if s < 0 { return nil }
            if hashes[i] == tag && ids[Int(s)] == id { return s }
            i = (i + 1) & mask
        }
    }

    /// The index of `id`, adding it if new; `inserted` tells which.
    @discardableResult
    public mutating func intern(_ id: String) -> (index: Int32, inserted: Bool) {
        if ids.count * 2 >= slots.count { grow() }
        let h = Self.hash(id)
        var i = Int(truncatingIfNeeded: h) & mask
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        while true {
            let s = slots[i]
            if s < 0 {
                let n = Int32(ids.count)
                slots[i] = n
                hashes[i] = tag
                ids.append(id)
                return (n, true)
            }
            if hashes[i] == tag && ids[Int(s)] == id { return (s, false) }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [Int32](repeating: -1, count: size)
        var newHashes = [UInt32](repeating: 0, count: size)
        let m = size - 1
        for (n, id) in ids.enumerated() {
            let h = Self.hash(id)
            var i = Int(truncatingIfNeeded: h) & m
            while newSlots[i] >= 0 { i = (i + 1) & m }
            newSlots[i] = Int32(n)
            newHashes[i] = UInt32(truncatingIfNeeded: h >> 32)
        }
        slots = newSlots
        hashes = newHashes
        mask = m
    }
}

/// Maps 64-bit keys (a packed node pair) to `Int32` values; key and value share a slot so a
/// probe touches one cache line.
struct PairTable: Sendable {
    struct Slot { var key: UInt64; var value: Int32 }
    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: Self.empty, value: 0), count: size)
        mask = size - 1
    }

    @inline(__always)
    static func slot(_ k: UInt64, _ mask: Int) -> Int {
        var x = k &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 32
        return Int(truncatingIfNeeded: x) & mask
    }

    /// The value stored for `key`, or stores `value` and returns nil.
    @inline(__always)
    mutating func findOrInsert(_ key: UInt64, _ value: Int32) -> Int32? {
        if count * 2 >= slots.count { grow() }
        let m = mask
        return slots.withUnsafeMutableBufferPointer { p in
            var i = Self.slot(key, m)
            while true {
                let k = p[i].key
                if k == key { return p[i].value }
                if k == Self.empty {
                    p[i] = Slot(key: key, value: value)
                    count += 1
                    return nil
                }
                i = (i + 1) & m
            }
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        var ns = [Slot](repeating: Slot(key: Self.empty, value: 0), count: size)
        let m = size - 1
        for s in slots where s.key != Self.empty {
            var i = Self.slot(s.key, m)
            while ns[i].key != Self.empty { i = (i + 1) & m }
            ns[i] = s
        }
        slots = ns
        mask = m
    }
}
