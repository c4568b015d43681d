namespace ActorBroker.Persistence.Sql;

/// <summary>
/// The schema shared by every SQL journal. The SQL is written once in the subset SQLite and PostgreSQL
/// both accept; only the binary column type differs. Append new versions, never edit a shipped one.
/// </summary>
internal static class JournalSchema
{
    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public static IReadOnlyList<SchemaMigration> Migrations(string binaryType) =>
    [
        new(1, "journal, its metadata and its quarantine", $"""
            CREATE TABLE journal (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload {binaryType} NOT NULL,
                checksum BIGINT NOT NULL,
                written_at BIGINT NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr));
            CREATE TABLE journal_metadata (
                persistence_id TEXT NOT NULL PRIMARY KEY,
                deleted_to BIGINT NOT NULL);
            CREATE TABLE journal_quarantine (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NULL,
                payload {binaryType} NULL,
                reason TEXT NOT NULL,
                quarantined_at BIGINT NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr));
            """),
        new(2, "snapshots", $"""
            CREATE TABLE snapshots (
                persistence_id TEXT NOT NULL,
                sequence_nr BIGINT NOT NULL,
                manifest TEXT NOT NULL,
                payload {binaryType} NOT NULL,
                checksum BIGINT NOT NULL,
                saved_at BIGINT NOT NULL,
                PRIMARY KEY (persistence_id, sequence_nr));
            """),
        new(3, "owner tokens that fence a persistence id's former writers", """
            CREATE TABLE journal_owners (
                persistence_id TEXT NOT NULL PRIMARY KEY,
                token BIGINT NOT NULL);
            """),
    ];
}
