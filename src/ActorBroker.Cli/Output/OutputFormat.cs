namespace ActorBroker.Cli.Output;

/// <summary>How a command prints its result: Spectre tables and sentences for people, or the API's JSON for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
