import Crypto
import Foundation
import GRDB

/// The store's key: 32 random bytes (hex) in a file outside the store, mode 0600, made on the
/// first write to a store that has none. Every audit record is sealed with it (HMAC-SHA256 of
/// the record's hash), so whoever can write the store file but not read the key cannot
/// rewrite the chain or append to it without `audit verify` seeing it. Where the key lives:
/// `$SNA_AUDIT_KEY`, else the store's path with `.key` appended. Keep it out of backups of
/// the store that others can read; anchor the head outside both (`sna audit anchor`).
extension Store {
    /// `$SNA_AUDIT_KEY`, else `<store>.key`.
    public static func keyPath(for store: String) -> String {
        ProcessInfo.processInfo.environment["SNA_AUDIT_KEY"].flatMap { $0.isEmpty ? nil : $0 } ?? store + ".key"
    }

    /// `n` random bytes, hex.
    static func randomHex(_ n: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return hex((0..<n).map { _ in UInt8.random(in: 0...255, using: &g) })
    }

    /// Bytes as lower-case hex, two digits each.
    static func hex<D: Sequence>(_ d: D) -> String where D.Element == UInt8 {
        d.map { b in b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16) }.joined()
    }

    /// HMAC-SHA256 of a record's hash under `key`, hex.
    static func seal(_ hash: String, _ key: SymmetricKey) -> String {
        hex(HMAC<SHA256>.authenticationCode(for: Data(hash.utf8), using: key))
    }

    /// The key's id as the store names it: the first 16 hex digits of its SHA-256.
    static func keyID(_ key: SymmetricKey) -> String {
        String(hex(key.withUnsafeBytes { SHA256.hash(data: Data($0)) }).prefix(16))
    }

    /// What went wrong with a key file.
    enum KeyFile {
        case absent
        case key(SymmetricKey)
        case unusable(String)
    }

    /// Reads the key file: 64 hex digits; owned by this account, mode 0600 (a key others can
    /// read seals nothing).
    static func readKey(_ path: String) -> KeyFile {
        var st = stat()
        guard lstat(path, &st) == 0 else { return .absent }
        guard st.st_mode & S_IFMT == S_IFREG else { return .unusable("\(path) is not a regular file") }
        if st.st_mode & 0o077 != 0 { return .unusable("\(path) can be read by others (mode \(String(st.st_mode & 0o777, radix: 8))): chmod 600 it") }
        guard st.st_size <= 1024, let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .unusable("\(path) cannot be read") }
        let hexText = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard hexText.count == 64, hexText.allSatisfy(\.isHexDigit) else { return .unusable("\(path) is not an sna key (64 hex digits)") }
        var bytes: [UInt8] = []
        var i = hexText.startIndex
        while i < hexText.endIndex {
            let j = hexText.index(i, offsetBy: 2)
            bytes.append(UInt8(hexText[i..<j], radix: 16)!)
            i = j
        }
        return .key(SymmetricKey(data: bytes))
    }

    /// On a writable store: loads its key, or makes one (O_EXCL, mode 0600) when the store has
    /// never been keyed, and seals the records written before it. A keyed store whose key is
    /// gone opens, but refuses to record (``sealOf(_:)``).
    func prepareKey() throws {
        let keyed = try read { db in try String.fetchOne(db, sql: "SELECT id FROM audit_key LIMIT 1") }
        let sealed = try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM audit WHERE seal != '')") ?? false }
        switch Store.readKey(keyPath) {
        case let .key(k):
            if let keyed, keyed != Store.keyID(k) {
                keyProblem = "the key at \(keyPath) is not this store's (the store's records are sealed with key \(keyed))"
                return
            }
            // Sealed records with no key named: the audit_key row was deleted by hand.
            if keyed == nil && sealed {
                keyProblem = "the store's records are sealed but its audit_key row is gone (deleted by hand?): nothing is recorded until that is looked into (`sna audit verify`)"
                return
            }
            sealKey = k
            if keyed == nil { try adopt(k) }
        case .absent:
            if keyed != nil || sealed {
                keyProblem = "the store's key \(keyPath) is missing (restore it, or point SNA_AUDIT_KEY at it): nothing can be recorded without it"
                return
            }
            // Written whole beside its place, then linked in (link fails if another program's key
            // is there already): nobody ever reads half a key.
            let k = SymmetricKey(size: .bits256)
            let text = Store.hex(k.withUnsafeBytes { Array($0) }) + "\n"
            let tmp = keyPath + ".new-\(getpid())"
            unlink(tmp)
            let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw StoreError.cannotCreate(path: keyPath, why: "the store's key: \(String(cString: strerror(errno)))") }
            fchmod(fd, 0o600)
            let ok = text.withCString { Foundation.write(fd, $0, strlen($0)) } == text.utf8.count && fsync(fd) == 0
            close(fd)
            defer { unlink(tmp) }
            guard ok else { throw StoreError.cannotCreate(path: keyPath, why: "the store's key could not be written") }
            if link(tmp, keyPath) != 0 {
                // Another program made it a moment ago: use theirs.
                if errno == EEXIST, case let .key(theirs) = Store.readKey(keyPath) { sealKey = theirs; try adopt(theirs); return }
                throw StoreError.cannotCreate(path: keyPath, why: "the store's key: \(String(cString: strerror(errno)))")
            }
            sealKey = k
            try adopt(k)
        case let .unusable(why):
            keyProblem = why
        }
    }

    /// Names the key in the store and seals every record not yet sealed (one transaction).
    private func adopt(_ k: SymmetricKey) throws {
        try write(checked: false) { db in
            if try String.fetchOne(db, sql: "SELECT id FROM audit_key LIMIT 1") == nil {
                try db.execute(sql: "INSERT INTO audit_key (id, created_at) VALUES (?, ?)", arguments: [Store.keyID(k), now()])
            }
            for r in try Row.fetchAll(db, sql: "SELECT seq, hash FROM audit WHERE seal = '' ORDER BY seq") {
                let h: String = try col(r, "hash", "audit")
                try db.execute(sql: "UPDATE audit SET seal = ? WHERE seq = ?", arguments: [Store.seal(h, k), r["seq"] as Int64])
            }
        }
    }

    /// The seal of a new record; without the key nothing is recorded.
    func sealOf(_ hash: String) throws -> String {
        guard let sealKey else {
            throw StoreError.database(path: path, message: keyProblem ?? "the store was opened read-only: nothing can be recorded")
        }
        return Store.seal(hash, sealKey)
    }

    /// The key verify checks seals with, or nil with a warning saying what went unchecked.
    func keyForVerify(_ records: [AuditRecord], warnings: inout [String], problems: inout [String]) throws -> SymmetricKey? {
        guard try read({ db in try db.tableExists("audit_key") }) else {
            warnings.append("the store was made by an earlier sna and is not upgraded yet (on its next write): its records are hash-chained but not sealed")
            return nil
        }
        let keyed = try read { db in try String.fetchOne(db, sql: "SELECT id FROM audit_key LIMIT 1") }
        let sealed = records.contains { !$0.seal.isEmpty }
        switch Store.readKey(keyPath) {
        case let .key(k):
            if let keyed, keyed != Store.keyID(k) {
                problems.append("the key at \(keyPath) is not the one this store names (\(keyed)): the wrong key, or the store's key record was rewritten")
            }
            if keyed == nil && sealed { problems.append("the store no longer names its key (its key record was deleted)") }
            return k
        case .absent:
            if keyed != nil || sealed {
                warnings.append("the store's key \(keyPath) is not here: the records' seals were not checked (anyone who can write the store could have rewritten the chain; check against an anchor, or verify where the key is)")
            } else {
                warnings.append("the store has no key yet (made on its next write): records are hash-chained but not sealed")
            }
            return nil
        case let .unusable(why):
            warnings.append("\(why): the records' seals were not checked")
            return nil
        }
    }
}
