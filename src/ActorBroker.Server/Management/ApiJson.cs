using System.Text.Json;
using ActorBroker.Management.Resources;
using Microsoft.AspNetCore.Http;

namespace ActorBroker.Server.Management;

/// <summary>Reads request bodies and writes replies with <see cref="ManagementJson.Options"/>, the API's only JSON conventions.</summary>
public static class ApiJson
{
    /// <summary>A 200 reply with <paramref name="value"/> as JSON.</summary>
    public static IResult Ok<T>(T value) => Results.Json(value, ManagementJson.Options);

    /// <summary>A reply with <paramref name="value"/> as JSON and the given status.</summary>
    public static IResult Reply<T>(T value, int status) => Results.Json(value, ManagementJson.Options, statusCode: status);

    /// <summary>The request body as <typeparamref name="T"/>.</summary>
    /// <exception cref="ApiException">400: the body is missing, empty, not JSON or not of the expected shape.</exception>
    public static async Task<T> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        T? body;
        try
        {
            // RequestForgeryGuard has already refused a body not declared application/json.
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, ManagementJson.Options, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException error)
        {
            throw ApiException.BadRequest($"The body is not a valid {Describe<T>()}: {error.Message}");
        }

        return body ?? throw ApiException.BadRequest($"The body must be a {Describe<T>()} JSON object, not null.");
    }

    /// <summary>The request body as <typeparamref name="T"/>, or <paramref name="empty"/> when the request has no body.</summary>
    /// <exception cref="ApiException">400: the body is not JSON or not of the expected shape.</exception>
    public static Task<T> ReadBodyOrAsync<T>(HttpRequest request, T empty)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength == 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count == 0)
            ? Task.FromResult(empty)
            : ReadBodyAsync<T>(request);
    }

    private static string Describe<T>() => typeof(T).Name;
}
