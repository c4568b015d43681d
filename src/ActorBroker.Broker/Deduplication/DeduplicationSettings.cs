using ActorBroker.Broker.Errors;
using ActorBroker.Broker.Messages;

namespace ActorBroker.Broker.Deduplication;

/// <summary>
/// The deduplication window of a queue declared with <c>x-message-deduplication = true</c> or of an
/// <c>x-message-deduplication</c> exchange, with the argument names of RabbitMQ's message-deduplication plugin:
/// <c>x-cache-size</c> (most ids remembered; the oldest goes first) and <c>x-cache-ttl</c> (milliseconds an id
/// is remembered; none: until the size pushes it out).
/// </summary>
public sealed record DeduplicationSettings(int CacheSize, TimeSpan? CacheTtl)
{
    public const string QueueArgument = "x-message-deduplication";
    public const string CacheSizeArgument = "x-cache-size";
    public const string CacheTtlArgument = "x-cache-ttl";

    /// <summary>The message header whose value identifies a message; a message without it is never a duplicate.</summary>
    public const string Header = "x-deduplication-header";

    /// <summary>The cache size of a deduplicating queue declared without <c>x-cache-size</c>.</summary>
    public const int DefaultQueueCacheSize = 100_000;

    /// <summary>No declaration may remember more ids than this: the window lives in memory and in every snapshot.</summary>
    public const int MaxCacheSize = 10_000_000;

    /// <summary>The settings of a queue, or null when <c>x-message-deduplication</c> is absent or false.</summary>
    /// <exception cref="BrokerException">An argument has the wrong type or an out-of-range value (precondition failed).</exception>
    public static DeduplicationSettings? ForQueue(Headers arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (!arguments.TryGetValue(QueueArgument, out var enabled))
        {
            return null;
        }

        if (enabled.Kind != FieldKind.Boolean && !(enabled.Kind == FieldKind.String && bool.TryParse(enabled.AsString(), out _)))
        {
            throw Invalid(QueueArgument, enabled, "a boolean");
        }

        var on = enabled.Kind == FieldKind.Boolean ? enabled.AsBoolean() : bool.Parse(enabled.AsString());
        return on ? new DeduplicationSettings(ParseCacheSize(arguments) ?? DefaultQueueCacheSize, ParseCacheTtl(arguments)) : null;
    }

    /// <summary>The settings of an <c>x-message-deduplication</c> exchange: like the plugin, it requires <c>x-cache-size</c>.</summary>
    /// <exception cref="BrokerException">A missing size, or an argument of the wrong type or range (precondition failed).</exception>
    public static DeduplicationSettings ForExchange(Headers? arguments)
    {
        var size = arguments is null ? null : ParseCacheSize(arguments);
        return size is { } cacheSize
            ? new DeduplicationSettings(cacheSize, ParseCacheTtl(arguments!))
            : throw BrokerException.PreconditionFailed(
                $"An x-message-deduplication exchange requires the argument '{CacheSizeArgument}' (an integer from 1 to {MaxCacheSize}).");
    }

    private static int? ParseCacheSize(Headers arguments) =>
        (int?)Number(arguments, CacheSizeArgument, MaxCacheSize);

    private static TimeSpan? ParseCacheTtl(Headers arguments) =>
        Number(arguments, CacheTtlArgument, (long)TimeSpan.MaxValue.TotalMilliseconds / 2) is { } ms ? TimeSpan.FromMilliseconds(ms) : null;

    // The plugin takes these numbers as integers or as strings of digits (its documented examples use strings).
    private static long? Number(Headers arguments, string name, long max)
    {
        if (!arguments.TryGetValue(name, out var value))
        {
            return null;
        }

        long number;
        var valid = value.TryGetInteger(out number)
            || (value.Kind == FieldKind.String && long.TryParse(value.AsString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out number));
        return valid && number >= 1 && number <= max ? number : throw Invalid(name, value, $"an integer from 1 to {max}");
    }

    private static BrokerException Invalid(string name, FieldValue value, string expected) =>
        BrokerException.PreconditionFailed($"Invalid argument '{name}' = {value} ({value.Kind}): expected {expected}.");
}
