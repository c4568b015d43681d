using System.Net;
using ActorBroker.Broker.Queues;
using ActorBroker.Management.Resources;

namespace ActorBroker.Server.Tests.Management;

/// <summary>A node with 20,000 queues; queue page-{i*80} holds i messages for i below 250, the others none.</summary>
public sealed class ManyQueuesNode : IAsyncLifetime
{
    public const int QueueCount = 20_000;
    public const int Loaded = 250;
    public const int Spacing = QueueCount / Loaded;

    public ManagementNode Node { get; } = new();

    public static string NameOf(int index) => $"page-{index:D5}";

    public async Task InitializeAsync()
    {
        await Node.InitializeAsync();
        await using var connection = await Node.Broker.ConnectAsync();
        var channel = await connection.CreateChannelAsync();
        var transient = new QueueDeclaration(Durable: false);
        foreach (var chunk in Enumerable.Range(0, QueueCount).Chunk(1000))
        {
            await Task.WhenAll(chunk.Select(i => channel.DeclareQueueAsync(NameOf(i), transient)));
        }

        for (var i = 0; i < Loaded; i++)
        {
            for (var m = 0; m < i; m++)
            {
                channel.Publish("", NameOf(i * Spacing), "x"u8.ToArray());
            }
        }

        Assert.True(await channel.WaitForConfirmsAsync());
    }

    public Task DisposeAsync() => Node.DisposeAsync();
}

public sealed class QueuePagingTests(ManyQueuesNode fixture) : IClassFixture<ManyQueuesNode>
{
    private readonly HttpClient _api = fixture.Node.Admin;

    [Fact]
    public async Task Page_two_sorted_by_messages_descending_holds_the_second_hundred_fullest_queues()
    {
        var page = await _api.GetAsync<PagedList<QueueResource>>("/api/queues/%2F?page=2&page_size=100&sort=messages&sort_reverse=true");

        var expected = Enumerable.Range(50, 100).Reverse().Select(i => (ManyQueuesNode.NameOf(i * ManyQueuesNode.Spacing), (long)i));
        Assert.Equal(expected, page.Items.Select(q => (q.Name, q.Messages)));
        Assert.Equal((2, 100, 200, ManyQueuesNode.QueueCount, ManyQueuesNode.QueueCount),
            (page.Page, page.PageSize, page.PageCount, page.FilteredCount, page.TotalCount));
    }

    [Fact]
    public async Task Queues_are_sorted_by_name_by_default_and_ties_in_a_sort_key_fall_back_to_name()
    {
        var byName = await _api.GetAsync<PagedList<QueueResource>>("/api/queues?page_size=3");
        var emptiest = await _api.GetAsync<PagedList<QueueResource>>("/api/queues?page_size=3&sort=messages");

        Assert.Equal(["page-00000", "page-00001", "page-00002"], byName.Items.Select(q => q.Name));
        Assert.Equal(["page-00000", "page-00001", "page-00002"], emptiest.Items.Select(q => q.Name));
    }

    [Fact]
    public async Task The_name_filter_keeps_matching_queues_and_counts_them()
    {
        var page = await _api.GetAsync<PagedList<QueueResource>>("/api/queues/%2F?name=page-1999&page_size=500");

        Assert.Equal(Enumerable.Range(19990, 10).Select(ManyQueuesNode.NameOf), page.Items.Select(q => q.Name));
        Assert.Equal((10, ManyQueuesNode.QueueCount, 1), (page.FilteredCount, page.TotalCount, page.PageCount));
    }

    [Fact]
    public async Task A_page_beyond_the_last_is_a_400()
    {
        using var response = await _api.GetAsync("/api/queues?page=41&page_size=500");

        Assert.Contains("last page", (await response.ErrorAsync(HttpStatusCode.BadRequest)).Reason, StringComparison.Ordinal);
    }
}
