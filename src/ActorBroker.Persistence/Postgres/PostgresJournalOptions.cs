namespace ActorBroker.Persistence.Postgres;

/// <summary>How to reach the PostgreSQL database that holds the journal.</summary>
public sealed record PostgresJournalOptions(string ConnectionString)
{
    /// <summary>The environment variable <see cref="FromEnvironment"/> reads by default.</summary>
    public const string ConnectionStringVariable = "ACTORBROKER_JOURNAL_POSTGRES";

    /// <summary>Options whose connection string is taken from an environment variable; throws when it is unset.</summary>
    public static PostgresJournalOptions FromEnvironment(string variable = ConnectionStringVariable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"The PostgreSQL journal needs a connection string: set the environment variable {variable} " +
                "(e.g. 'Host=db;Database=broker;Username=broker;Password=...').");
        }

        return new PostgresJournalOptions(value);
    }
}
