import Sqlite3
import Testing

/// SQLite through the generated module: an in-memory database, a table, a bound query.
@Suite struct Sqlite3Tests {
    @Test func inMemoryQuery() throws {
        var db: OpaquePointer?
        #expect(sqlite3_open(":memory:", &db) == SQLITE_OK)
        defer { sqlite3_close(db) }
        #expect(sqlite3_exec(db, "CREATE TABLE t(x INTEGER); INSERT INTO t VALUES (1), (2), (39);", nil, nil, nil) == SQLITE_OK)
        var statement: OpaquePointer?
        #expect(sqlite3_prepare_v2(db, "SELECT sum(x) FROM t WHERE x > ?", -1, &statement, nil) == SQLITE_OK)
        defer { sqlite3_finalize(statement) }
        #expect(sqlite3_bind_int(statement, 1, 1) == SQLITE_OK)
        #expect(sqlite3_step(statement) == SQLITE_ROW)
        #expect(sqlite3_column_int(statement, 0) == 41)
        #expect(sqlite3_step(statement) == SQLITE_DONE)
    }

    @Test func versionMatchesTheHeader() {
        #expect(sqlite3_libversion_number() >= SQLITE_VERSION_NUMBER / 1000 * 1000)
        #expect(String(cString: sqlite3_libversion()).hasPrefix("3."))
    }

    /// A variadic function through its generated fixed-arity wrapper (`"%s"` + text).
    @Test func printfWrapper() throws {
        let text = try #require(csqlite3_sqlite3_mprintf("50% done"))
        defer { sqlite3_free(text) }
        #expect(String(cString: text) == "50% done")
    }
}
