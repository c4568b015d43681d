using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ActorBroker.Server.Logging;

/// <summary>The node's console logging, as its <see cref="LoggingSettings"/> say.</summary>
internal static class NodeLogging
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";

    // The management API's web server: it logs every request at information (request starting, endpoint
    // executed, request finished), which floods the log under a busy dashboard.
    private const string AspNetCoreCategory = "Microsoft.AspNetCore";

    /// <summary>
    /// The web server's request logs show only when the node logs at debug (or trace); its warnings and errors
    /// always, within the node's level.
    /// </summary>
    internal static bool ShowsAspNetCore(LogLevel nodeLevel, LogLevel entry) =>
        entry >= nodeLevel && (entry >= LogLevel.Warning || nodeLevel <= LogLevel.Debug);

    /// <summary>Replaces the host's default providers by one console logger in the configured format and level.</summary>
    public static ILoggingBuilder AddNodeLogging(this ILoggingBuilder logging, LoggingSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.Level);
        logging.AddFilter(AspNetCoreCategory, level => ShowsAspNetCore(settings.Level, level));
        if (settings.Format == LogFormat.Json)
        {
            // The built-in JSON formatter writes the template's fields under "State", so each is a property
            // a log pipeline can filter on; one object per line.
            logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = TimestampFormat.TrimEnd();
                json.IncludeScopes = true;
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
        }
        else
        {
            logging.AddSimpleConsole(text =>
            {
                text.SingleLine = true;
                text.UseUtcTimestamp = true;
                text.TimestampFormat = TimestampFormat;
                text.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }

        return logging;
    }
}
