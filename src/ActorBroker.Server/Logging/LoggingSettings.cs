using ActorBroker.Hocon;
using Microsoft.Extensions.Logging;

namespace ActorBroker.Server.Logging;

/// <summary>The <c>actorbroker.logging</c> section: console format and minimum level.</summary>
public sealed record LoggingSettings(LogFormat Format, LogLevel Level)
{
    /// <exception cref="ConfigException">The section or a key is missing.</exception>
    /// <exception cref="ArgumentException">The format or level is not one of the allowed values.</exception>
    public static LoggingSettings From(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var logging = config.GetConfig("actorbroker.logging");
        return new LoggingSettings(
            Parse<LogFormat>(logging, "format", "text or json"),
            Parse<LogLevel>(logging, "level", "one of trace, debug, information, warning, error, critical, none"));
    }

    // By name only: Enum.TryParse would also take numbers and comma lists.
    private static T Parse<T>(Config logging, string key, string allowed)
        where T : struct, Enum
    {
        var value = logging.GetString(key);
        return Enum.GetNames<T>().FirstOrDefault(name => name.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } known
            ? Enum.Parse<T>(known)
            : throw new ArgumentException($"actorbroker.logging.{key} must be {allowed}, not '{value}'.");
    }
}
