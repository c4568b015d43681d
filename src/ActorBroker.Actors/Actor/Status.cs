namespace ActorBroker.Actors;

/// <summary>Conventional replies. A <see cref="Failure"/> reply makes an Ask fail with its cause.</summary>
public static class Status
{
    /// <summary>An operation succeeded, optionally with a value.</summary>
    public sealed record Success(object? Value);

    /// <summary>An operation failed with <paramref name="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
