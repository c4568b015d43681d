using System.Net;
using System.Text;
using System.Text.Json;
using ActorBroker.Management.Resources;
using ActorBroker.Server.Tests.Management;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorBroker.Console.Tests;

/// <summary>The console's pages for exchanges and bindings, users, policies and definitions.</summary>
public sealed class AdministrationTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private readonly HttpClient _api = browser.Node.Admin;

    [Fact]
    public async Task A_queue_bound_on_the_exchange_page_gets_what_is_published_there()
    {
        await _api.DeclareQueueAsync("invoices");
        using (var declared = await _api.PutJsonAsync("/api/exchanges/%2F/billing", new ExchangeDeclareRequest("direct", Durable: false)))
        {
            await declared.AssertStatusAsync(HttpStatusCode.Created);
        }

        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;
        await console.GoToAsync("#/exchanges/%2F/billing");
        var bind = page.GetByRole(AriaRole.Form, new() { Name = "Add a binding" });
        await bind.GetByLabel("Destination", new() { Exact = true }).FillAsync("invoices");
        await bind.GetByLabel("Routing key").FillAsync("invoice.new");
        await bind.GetByRole(AriaRole.Button, new() { Name = "Bind" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "invoice.new" })).ToContainTextAsync("invoices");

        var publish = page.GetByRole(AriaRole.Form, new() { Name = "Publish a message" });
        await publish.GetByLabel("Routing key").FillAsync("invoice.new");
        await publish.GetByLabel("Payload").FillAsync("INV-1");
        await publish.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Expect(console.Status).ToHaveTextAsync("Published and routed.");
        await console.ScreenshotAsync("exchange-bindings");
        Assert.Equal(["INV-1"], (await _api.GetAsync<PeekResult>("/api/queues/%2F/invoices/peek")).Messages.Select(m => m.Payload));
    }

    [Fact]
    public async Task A_user_added_on_the_users_page_with_permissions_can_log_in_with_its_password()
    {
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;
        await console.NavigateAsync("Users");
        var add = page.GetByRole(AriaRole.Form, new() { Name = "Add or update a user" });
        await add.GetByLabel("Name").FillAsync("operator");
        await add.GetByLabel("Password").FillAsync("correct horse");
        await add.GetByLabel("monitoring", new() { Exact = false }).CheckAsync();
        await add.GetByRole(AriaRole.Button, new() { Name = "Save user" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "operator" }).First).ToContainTextAsync("monitoring");
        var permit = page.GetByRole(AriaRole.Form, new() { Name = "Set permissions" });
        await permit.GetByLabel("User").FillAsync("operator");
        await permit.GetByLabel("Write").FillAsync("^reports\\.");
        await permit.GetByRole(AriaRole.Button, new() { Name = "Set permissions" }).ClickAsync();
        var permissions = page.GetByRole(AriaRole.Table, new() { Name = "Permissions" });
        await Expect(permissions.GetByRole(AriaRole.Row).Filter(new() { HasText = "operator" })).ToContainTextAsync("^reports\\.");
        await console.ScreenshotAsync("users");

        await using var newcomer = await browser.LogInAsync("operator", "correct horse");

        await Expect(newcomer.Page.Locator("#who")).ToHaveTextAsync("operator (monitoring, read-only)");
        await Expect(newcomer.Page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_policy_set_on_the_policies_page_is_listed()
    {
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;
        await console.NavigateAsync("Policies");
        var set = page.GetByRole(AriaRole.Form, new() { Name = "Set a policy" });
        await set.GetByLabel("Name").FillAsync("cap-jobs");
        await set.GetByLabel("Pattern").FillAsync("^jobs\\.");
        await set.GetByLabel("Definition").FillAsync("""{"max-length": 1000}""");
        await set.GetByRole(AriaRole.Button, new() { Name = "Set policy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "cap-jobs" })).ToContainTextAsync("max-length");
        await console.ScreenshotAsync("policies");
        Assert.Contains(await _api.GetAsync<List<PolicyDefinition>>("/api/policies/%2F"), p => p.Name == "cap-jobs" && p.Pattern == "^jobs\\.");
    }

    [Fact]
    public async Task Definitions_export_as_a_download_and_an_imported_file_creates_its_queues()
    {
        await _api.DeclareQueueAsync("exported.jobs", new { durable = true });
        await using var console = await browser.LogInAsync("guest", "guest");
        var page = console.Page;
        await console.NavigateAsync("Definitions");

        var download = await page.RunAndWaitForDownloadAsync(() => console.Button("Export definitions").ClickAsync());
        var exported = JsonSerializer.Deserialize<Definitions>(await File.ReadAllTextAsync(await download.PathAsync()), ManagementJson.Options)!;
        Assert.Contains(exported.Queues, q => q.Name == "exported.jobs");

        var document = exported with
        {
            Queues = [new QueueDefinition("/", "imported.jobs", Durable: true, AutoDelete: false, [])],
        };
        await page.GetByLabel("Definitions file").SetInputFilesAsync(new FilePayload
        {
            Name = "node.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document, ManagementJson.Options)),
        });
        await console.Button("Import").ClickAsync();

        await Expect(console.Status).ToHaveTextAsync("Definitions imported.");
        await Expect(page.GetByText("Created 0 users, 0 virtual hosts, 1 queues")).ToBeVisibleAsync();
        await console.ScreenshotAsync("definitions");
        Assert.True((await _api.GetAsync<QueueResource>("/api/queues/%2F/imported.jobs")).Durable);
    }
}
