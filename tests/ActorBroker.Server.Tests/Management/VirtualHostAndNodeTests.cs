using System.Net;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

public sealed class VirtualHostAndNodeTests(ManagementNode node) : IClassFixture<ManagementNode>
{
    private readonly HttpClient _api = node.Admin;

    [Fact]
    public async Task A_virtual_host_created_through_the_api_is_listed_and_takes_queues()
    {
        using var created = await _api.PutAsync("/api/vhosts/staging", null);
        using var again = await _api.PutAsync("/api/vhosts/staging", null);
        using var queue = await _api.PutJsonAsync("/api/queues/staging/jobs", new { durable = false });
        await queue.AssertStatusAsync(HttpStatusCode.Created);
        await _api.PostJsonAsync("/api/exchanges/staging/amq.default/publish", new PublishRequest("jobs", "x"));

        var hosts = await _api.GetAsync<List<VirtualHostResource>>("/api/vhosts");

        await created.AssertStatusAsync(HttpStatusCode.Created);
        await again.AssertStatusAsync(HttpStatusCode.NoContent);
        Assert.Contains(new VirtualHostResource("staging", 1, 1, 0), hosts);
        Assert.Contains(hosts, h => h.Name == "/");
    }

    [Fact]
    public async Task Deleting_a_virtual_host_removes_it_with_its_queues()
    {
        using var created = await _api.PutAsync("/api/vhosts/scratch", null);
        await created.AssertStatusAsync(HttpStatusCode.Created);
        using var queue = await _api.PutJsonAsync("/api/queues/scratch/tmp", new { durable = false });

        using var deleted = await _api.DeleteAsync("/api/vhosts/scratch");
        using var queues = await _api.GetAsync("/api/queues/scratch");

        await deleted.AssertStatusAsync(HttpStatusCode.NoContent);
        await queues.ErrorAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain(await _api.GetAsync<List<VirtualHostResource>>("/api/vhosts"), h => h.Name == "scratch");
    }

    [Fact]
    public async Task Deleting_a_missing_virtual_host_is_a_404()
    {
        using var deleted = await _api.DeleteAsync("/api/vhosts/never-created");

        await deleted.ErrorAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_node_reports_its_resources_and_that_it_is_ready()
    {
        var nodes = await _api.GetAsync<List<NodeResource>>("/api/nodes");

        var overview = await _api.GetAsync<Overview>("/api/overview");

        var self = Assert.Single(nodes);
        Assert.Equal(("actorbroker@localhost", true, true, "up", "sqlite"), (self.Name, self.Running, self.Ready, self.MemberStatus, self.Journal));
        Assert.StartsWith("akka.tcp://actorbroker@127.0.0.1:", self.AkkaAddress, StringComparison.Ordinal);
        Assert.Equal(self.AkkaAddress, overview.AkkaAddress);
        Assert.True(self.MemoryUsedBytes > 0 && self.MemoryLimitBytes > 0 && self.DiskFreeBytes > 0);
        Assert.False(self.DiskAlarm);
        Assert.Equal(Environment.ProcessorCount, self.ProcessorCount);
    }

    [Fact]
    public async Task The_overview_counts_the_nodes_objects_and_messages()
    {
        await _api.DeclareQueueAsync("overview-counted");
        await _api.PublishAsync("overview-counted", "x");

        var overview = await _api.GetAsync<Overview>("/api/overview");
        var queues = await _api.GetAsync<PagedList<QueueResource>>("/api/queues?page_size=500");
        var exchanges = await _api.GetAsync<List<ExchangeResource>>("/api/exchanges");

        Assert.Equal(queues.Items.Sum(q => q.Messages), overview.Totals.Messages);
        Assert.Equal(queues.TotalCount, overview.Counts.Queues);
        Assert.Equal(exchanges.Count, overview.Counts.Exchanges);
        Assert.True(overview.Totals.Messages >= 1);
    }
}
