using ActorBroker.Server.Tests.Management;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ActorBroker.Console.Tests;

/// <summary>axe-core's rules (WCAG 2.1 A and AA) over every view of the console, as an administrator sees it.</summary>
public sealed class AccessibilityTests(ConsoleBrowser browser) : IClassFixture<ConsoleBrowser>
{
    private static readonly AxeRunOptions s_wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task The_login_form_has_no_accessibility_violations()
    {
        await using var console = await browser.OpenAsync();
        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Log in" })).ToBeVisibleAsync();

        var result = await console.Page.RunAxe(s_wcag);

        Assert.NotEmpty(result.Passes);
        Assert.Equal([], Describe(result));
    }

    [Theory]
    [InlineData("#/overview", "Overview")]
    [InlineData("#/queues", "Queues")]
    [InlineData("#/queues/%2F/a11y.jobs", "Queue a11y.jobs")]
    [InlineData("#/exchanges", "Exchanges")]
    [InlineData("#/exchanges/%2F/amq.direct", "Exchange amq.direct")]
    [InlineData("#/connections", "Connections")]
    [InlineData("#/users", "Users")]
    [InlineData("#/policies", "Policies")]
    [InlineData("#/definitions", "Definitions")]
    public async Task A_view_has_no_accessibility_violations(string hash, string heading)
    {
        // PUT is idempotent (201, then 204): every case declares the queue one view needs.
        using var declared = await browser.Node.Admin.PutJsonAsync("/api/queues/%2F/a11y.jobs", new { durable = false });
        Assert.True(declared.IsSuccessStatusCode);

        await using var console = await browser.LogInAsync("guest", "guest");

        await console.GoToAsync(hash);
        await Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(console.Page.GetByText("Loading…")).ToHaveCountAsync(0);
        var result = await console.Page.RunAxe(s_wcag);

        Assert.NotEmpty(result.Passes);
        Assert.Equal([], Describe(result));
    }

    private static IEnumerable<string> Describe(AxeResult result) =>
        result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}");
}
