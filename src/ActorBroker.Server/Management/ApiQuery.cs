using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ActorBroker.Server.Management;

/// <summary>Query-string parameters, each refused with a 400 that names it when malformed.</summary>
internal static class ApiQuery
{
    /// <summary>A true/false flag; absent is false.</summary>
    public static bool Flag(HttpRequest request, string name) => request.Query[name].ToString() switch
    {
        "" or "false" => false,
        "true" => true,
        var other => throw ApiException.BadRequest($"{name} = '{other}': expected true or false."),
    };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>; absent is <paramref name="defaultValue"/>.</summary>
    public static int Integer(HttpRequest request, string name, int defaultValue, int min, int max)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw ApiException.BadRequest($"{name} = '{text}': expected a whole number from {min} to {max}.");
    }
}
