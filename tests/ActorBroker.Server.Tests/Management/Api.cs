using System.Net;
using System.Net.Http.Json;
using System.Text;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

/// <summary>Calls of the management API in the tests' words, JSON by the API's conventions.</summary>
internal static class Api
{
    public static async Task<T> GetAsync<T>(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadAsync<T>(HttpStatusCode.OK);
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, ManagementJson.Options);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, ManagementJson.Options);

    public static Task<HttpResponseMessage> DeleteJsonAsync(this HttpClient client, string path, object body) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path) { Content = JsonContent.Create(body, options: ManagementJson.Options) });

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string path, string json) =>
        client.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    /// <summary>Asserts the status and reads the body.</summary>
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {text}");
        return System.Text.Json.JsonSerializer.Deserialize<T>(text, ManagementJson.Options)!;
    }

    /// <summary>Asserts an error status and returns its body.</summary>
    public static Task<ErrorBody> ErrorAsync(this HttpResponseMessage response, HttpStatusCode expected) => response.ReadAsync<ErrorBody>(expected);

    public static async Task AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {response.StatusCode}: {text}");
    }

    /// <summary>Declares a queue through the API and checks it was created.</summary>
    public static async Task DeclareQueueAsync(this HttpClient client, string name, object? body = null)
    {
        using var response = await client.PutJsonAsync($"/api/queues/%2F/{name}", body ?? new { durable = false });
        await response.AssertStatusAsync(HttpStatusCode.Created);
    }

    /// <summary>Publishes through the default exchange straight to a queue.</summary>
    public static async Task<PublishResult> PublishAsync(this HttpClient client, string queue, string payload, object? properties = null)
    {
        using var response = await client.PostJsonAsync("/api/exchanges/%2F/amq.default/publish",
            new { routing_key = queue, payload, properties });
        return await response.ReadAsync<PublishResult>(HttpStatusCode.OK);
    }
}
