namespace ActorBroker.Persistence.Sql;

/// <summary>One step of the schema: applied once, in version order, and recorded in <c>schema_version</c>.</summary>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
