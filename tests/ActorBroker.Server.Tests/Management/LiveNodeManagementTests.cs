using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class LiveNodeManagementTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _workDir = Directory.CreateTempSubdirectory("actorbroker-node-");

    [Fact]
    public async Task The_node_process_serves_the_management_api_to_its_users_on_the_logged_address()
    {
        await using var node = NodeProcess.Start(_workDir.FullName);
        var baseAddress = await node.WaitForManagementAsync(s_timeout);
        await node.WaitForLineAsync("AMQP 0-9-1 listener on", s_timeout);
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = s_timeout };

        using var anonymous = await client.GetAsync("/api/overview");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("guest:guest")));
        var overview = await client.GetFromJsonAsync<Overview>("/api/overview", ManagementJson.Options);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("actorbroker@localhost", overview!.Node);
        node.SendSigterm();
        Assert.Equal(0, await node.WaitForExitAsync(s_timeout));
    }

    public void Dispose() => _workDir.Delete(recursive: true);
}
