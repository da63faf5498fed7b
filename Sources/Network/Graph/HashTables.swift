/// Open-addressing hash tables for the load path: ids → dense indices and node pairs → edge
/// indices. They hash with fixed multiplicative / FNV-1a mixing instead of `Hasher` (whose
/// per-process seeding dominated profiles of million-edge loads); no order ever reaches a user.

/// Interns string ids to dense `Int32` indices in order of first appearance.
///
/// An id of up to 7 UTF-8 bytes (most ids: numbers, `P0140`) is held in its slot, packed into
/// 64 bits with its length, so finding it reads one slot and never the string; a longer id is
/// matched by 32 bits of its hash and then compared with the stored string.
///
/// - Complexity: O(1) expected per lookup; memory 16 bytes per slot at load ≤ 0.5 plus the
///   strings.
public struct IDInterner: Sendable {
    struct Slot {
        /// The id packed (up to 7 bytes, length in the top byte), or 0 for a longer id.
        var key: UInt64
        /// The id's index, or -1 for an empty slot.
        var index: Int32
        /// High bits of the id's hash.
        var tag: UInt32
    }
    public private(set) var ids: [String] = []
    private var slots: [Slot]
    private var mask: Int

    public init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, index: -1, tag: 0), count: size)
        mask = size - 1
        ids.reserveCapacity(capacity)
    }

    public var count: Int { ids.count }

    @inline(__always)
    static func hash(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { hash(UnsafeRawBufferPointer($0)) }
    }

    /// FNV-1a over the UTF-8 bytes, folded: an id hashes the same as text or as bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// The id packed with its length when it has at most 7 bytes, else 0.
    @inline(__always)
    static func packed(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        guard bytes.count <= 7 else { return 0 }
        var k = UInt64(bytes.count + 1) << 56
        for (i, b) in bytes.enumerated() { k |= UInt64(b) << (8 * UInt64(i)) }
        return k
    }

    @inline(__always)
    static func equal(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var s = s
        return s.withUTF8 { a in
            guard a.count == bytes.count else { return false }
            for i in 0..<a.count where a[i] != bytes[i] { return false }
            return true
        }
    }

    /// The slot holding the id with these bytes (whose hash is `h`), or the empty slot where
    /// it would go.
    @inline(__always)
    private func find(_ bytes: UnsafeRawBufferPointer, hash h: UInt64) -> Int {
        let key = Self.packed(bytes)
        let tag = UInt32(truncatingIfNeeded: h >> 32)
        var i = Int(truncatingIfNeeded: h) & mask
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let s = slots[i]
                if s.index < 0 { return i }
                if key != 0 {
                    if s.key == key { return i }
                } else if s.key == 0 && s.tag == tag && Self.equal(ids[Int(s.index)], bytes) {
                    return i
                }
                i = (i + 1) & mask
            }
        }
    }

    /// The index of `id`, or `nil`.
    public func index(of id: String) -> Int32? {
        var id = id
        return id.withUTF8 { buf in
            let bytes = UnsafeRawBufferPointer(buf)
            let s = slots[find(bytes, hash: Self.hash(bytes))].index
            return s < 0 ? nil : s
        }
    }

    /// The index of `id`, adding it if new; `inserted` tells which.
    @discardableResult
    public mutating func intern(_ id: String) -> (index: Int32, inserted: Bool) {
        var text = id
        return text.withUTF8 { buf in intern(utf8: UnsafeRawBufferPointer(buf)) { id } }
    }

    /// The index of the id whose UTF-8 bytes are `bytes`, adding it if new; `make` gives the
    /// id as text (it must return exactly those bytes as a string) and runs only for a new id,
    /// so an id seen before costs a hash and a probe, no string.
    @inline(__always)
    public mutating func intern(utf8 bytes: UnsafeRawBufferPointer, make: () throws -> String) rethrows -> (index: Int32, inserted: Bool) {
        if ids.count * 2 >= slots.count { grow() }
        let h = Self.hash(bytes)
        let i = find(bytes, hash: h)
        if slots[i].index >= 0 { return (slots[i].index, false) }
        let id = try make()
        let n = Int32(ids.count)
        slots[i] = Slot(key: Self.packed(bytes), index: n, tag: UInt32(truncatingIfNeeded: h >> 32))
        ids.append(id)
        return (n, true)
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, index: -1, tag: 0), count: size)
        mask = size - 1
        for s in old where s.index >= 0 {
            var id = ids[Int(s.index)]
            let h = id.withUTF8 { Self.hash(UnsafeRawBufferPointer($0)) }
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i].index >= 0 { i = (i + 1) & mask }
            slots[i] = s
        }
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
