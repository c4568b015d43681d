using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using Microsoft.Playwright;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using static Microsoft.Playwright.Assertions;

namespace ActorBroker.Console.Tests;

public sealed class ConsoleTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly HttpClient _api = browser.Node.Admin;

    [Fact]
    public async Task An_administrator_logs_in_and_sees_the_overview_with_its_rate_charts()
    {
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;

        await Expect(page.Locator("#who")).ToHaveTextAsync("guest (administrator)");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Message rates: publish" })).ToBeVisibleAsync();
        await Expect(page.Locator(".chart polyline")).ToHaveCountAsync(5);
        await Expect(page.GetByText("ActorBroker ", new() { Exact = false }).First).ToBeVisibleAsync();
        await console.ScreenshotAsync("overview");
    }

    [Fact]
    public async Task The_overview_charts_follow_the_messages_published_between_two_readings()
    {
        await _api.DeclareQueueAsync("charted");
        await using var console = await browser.LogInAsync("guest", "guest", fakeClock: true);
        var page = console.Page;
        // Other tests of this class may have left messages in their queues: count from what the chart shows first.
        var ready = page.Locator(".legend", new() { HasTextRegex = new Regex("^ready ") });
        await Expect(ready).ToHaveTextAsync(new Regex(@"^ready \d+$"));
        var before = int.Parse((await ready.TextContentAsync())!["ready ".Length..], CultureInfo.InvariantCulture);

        for (var i = 0; i < 20; i++)
        {
            await _api.PublishAsync("charted", $"message {i}");
        }

        await page.Clock.FastForwardAsync("00:05");

        await Expect(ready).ToHaveTextAsync($"ready {before + 20}");
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex(@"^Message rates: publish [1-9]") })).ToBeVisibleAsync();
        await Expect(page.Locator(".chart polyline").First).ToHaveAttributeAsync("points", new Regex(@"^\S+ \S+$"));
        await console.ScreenshotAsync("overview-live");
    }

    // A user the other tests never log in as, so that no failed-login throttling can slow them down.
    [Fact]
    public async Task Wrong_credentials_are_refused_on_the_login_form()
    {
        await using var console = await browser.OpenAsync();

        await console.SubmitLoginAsync("nobody", "not-the-password");

        await Expect(console.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
        await Expect(console.Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeHiddenAsync();
        await console.ScreenshotAsync("login-refused");
    }

    [Fact]
    public async Task A_user_without_a_management_tag_is_told_why_it_cannot_log_in()
    {
        await using var console = await browser.OpenAsync();

        await console.SubmitLoginAsync("nobody", "nobody");

        await Expect(console.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("neither the administrator nor the monitoring tag");
        await Expect(console.Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_queue_that_a_client_declares_appears_in_the_queue_list_with_its_consumer()
    {
        await using var console = await browser.LogInAsync("guest", "guest");
        await using var connection = await browser.ConnectAsync("declaring-app");
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("orders.created", durable: true, exclusive: false, autoDelete: false);
        await channel.BasicConsumeAsync("orders.created", autoAck: false, "orders-worker", new AsyncEventingBasicConsumer(channel));

        await console.NavigateAsync("Queues");
        await console.Page.GetByLabel("Filter by name").FillAsync("orders");

        var row = console.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "orders.created" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("durable");
        await console.ScreenshotAsync("queues");
        await row.GetByRole(AriaRole.Link, new() { Name = "orders.created" }).ClickAsync();
        var consumer = console.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "orders-worker" });
        await Expect(consumer).ToContainTextAsync("127.0.0.1");
    }

    [Fact]
    public async Task A_message_published_from_the_queue_page_can_be_peeked_there()
    {
        await _api.DeclareQueueAsync("greetings");
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;

        await console.GoToAsync("#/queues/%2F/greetings");
        await page.GetByLabel("Payload", new() { Exact = true }).FillAsync("hello from the console");
        await console.Button("Publish").ClickAsync();
        await Expect(console.Status).ToHaveTextAsync("Published to greetings.");
        await console.Button("Peek").ClickAsync();

        await Expect(page.Locator(".message-list .payload")).ToHaveTextAsync(["hello from the console"]);
        await Expect(page.Locator(".message-list")).ToContainTextAsync("delivery_mode");
        await console.ScreenshotAsync("queue-publish-peek");
        Assert.Equal(["hello from the console"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/greetings/peek")).Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Redriving_a_dead_letter_queue_moves_its_messages_back_to_the_queue_they_died_in()
    {
        await _api.DeclareQueueAsync("payments.dlq");
        await _api.DeclareQueueAsync("payments", new
        {
            durable = false,
            arguments = new JsonObject { ["x-dead-letter-exchange"] = "", ["x-dead-letter-routing-key"] = "payments.dlq" },
        });
        await _api.PublishAsync("payments", "poison");
        await using (var connection = await browser.Node.Broker.ConnectAsync())
        {
            var channel = await connection.CreateChannelAsync();
            (await channel.GetAsync("payments")).Delivery!.Reject(requeue: false);
        }

        await Eventually.HoldsAsync(async () => (await _api.GetAsync<QueueResource>("/api/queues/%2F/payments.dlq")).Messages == 1, "dead-lettering");
        await using var console = await browser.LogInAsync("guest", "guest");

        await console.GoToAsync("#/queues/%2F/payments.dlq");
        await console.Button("Redrive").ClickAsync();

        await Expect(console.Status).ToHaveTextAsync("Moved 1 message(s).");
        await console.ScreenshotAsync("queue-redrive");
        Assert.Equal(["poison"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/payments/peek")).Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task Closing_a_connection_forces_the_client_off()
    {
        await using var connection = await browser.ConnectAsync("doomed-app");
        var closed = new TaskCompletionSource<ShutdownEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionShutdownAsync += (_, args) =>
        {
            closed.TrySetResult(args);
            return Task.CompletedTask;
        };
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;

        await console.NavigateAsync("Connections");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "doomed-app" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Close connection" }).ClickAsync();
        await console.ScreenshotAsync("connection-close-confirm");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Close connection" }).ClickAsync();

        var shutdown = await closed.Task.WaitAsync(ConsoleBrowser.Timeout);
        Assert.Equal((320, "CONNECTION_FORCED - Closed via management API"), (shutdown.ReplyCode, shutdown.ReplyText));
        await Expect(console.Status).ToContainTextAsync("closed.");
        await Expect(row).ToHaveCountAsync(0);
        await console.ScreenshotAsync("connections");
    }

    [Fact]
    public async Task A_monitoring_user_finds_no_form_or_button_that_changes_anything_on_any_view()
    {
        await _api.DeclareQueueAsync("watched");
        await using var connection = await browser.ConnectAsync("watched-app");
        await using var console = await browser.LogInAsync("watcher", "watcher");
        var view = console.Page.Locator("#view");

        foreach (var (hash, heading) in new[]
        {
            ("#/overview", "Overview"), ("#/queues", "Queues"), ("#/queues/%2F/watched", "Queue watched"), ("#/exchanges", "Exchanges"),
            ("#/exchanges/%2F/amq.topic", "Exchange amq.topic"), ("#/policies", "Policies"), ("#/connections", "Connections"),
        })
        {
            await console.GoToAsync(hash);
            await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Expect(console.Page.GetByText("Loading…")).ToHaveCountAsync(0);

            // Changes are made through forms and the red buttons; the one form left is peeking, which only reads.
            await Expect(view.Locator("button.danger")).ToHaveCountAsync(0);
            await Expect(view.Locator("form:not([aria-label='Peek messages'])")).ToHaveCountAsync(0);
        }

        // The last view, connections, lists the client's connection, without a button to close it.
        await Expect(console.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "watched-app" })).ToHaveCountAsync(1);
        await console.ScreenshotAsync("connections-monitoring");
    }

    [Fact]
    public async Task A_monitoring_user_sees_no_purge_and_the_api_refuses_it_anyway()
    {
        await _api.DeclareQueueAsync("audit");
        await _api.PublishAsync("audit", "keep me");
        await using var console = await browser.LogInAsync("watcher", "watcher");
        var page = console.Page;

        await console.GoToAsync("#/queues/%2F/audit");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue audit" })).ToBeVisibleAsync();
        await Expect(page.Locator("#who")).ToHaveTextAsync("watcher (monitoring, read-only)");
        await Expect(console.Button("Peek")).ToBeVisibleAsync();
        foreach (var change in new[] { "Purge", "Delete queue", "Publish", "Get", "Redrive" })
        {
            await Expect(console.Button(change)).ToHaveCountAsync(0);
        }

        await console.ScreenshotAsync("queue-monitoring");
        var status = await page.EvaluateAsync<int>("""
            async () => (await fetch('/api/queues/%2F/audit/contents', {
              method: 'DELETE',
              headers: { Authorization: 'Basic ' + sessionStorage.getItem('actorbroker.credentials') },
            })).status
            """);
        Assert.Equal((int)HttpStatusCode.Forbidden, status);
        Assert.Equal(1, (await _api.GetAsync<QueueResource>("/api/queues/%2F/audit")).Messages);
    }
}
