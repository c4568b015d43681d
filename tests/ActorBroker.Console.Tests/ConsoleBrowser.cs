using ActorBroker.Server.Listeners;
using ActorBroker.Server.Tests.Management;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Playwright;
using RabbitMQ.Client;

namespace ActorBroker.Console.Tests;

/// <summary>
/// One node and one headless chromium per test class (starting the browser is the slow part); each test opens
/// its own browser context, so its login and sessionStorage are its own.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    /// <summary>Debian's chromium, which .ci/run installs: Playwright's own browser download cannot run here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    // As root chromium needs --no-sandbox; the rest keep it from reaching for Google's hosts, which a closed network refuses.
    private static readonly string[] s_flags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ManagementNode Node { get; } = new();

    /// <summary>Where the tests leave their screenshots: beside the test assembly, so CI keeps them with the build output.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public int AmqpPort => Node.Services.GetServices<IHostedService>().OfType<AmqpListenerService>().Single().EndPoint!.Port;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"The console tests need Debian's chromium at {ChromiumPath}: apt-get install chromium (.ci/run does).");
        }

        Directory.CreateDirectory(ScreenshotFolder);
        await Node.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = s_flags });
        Assertions.SetDefaultExpectTimeout((float)Timeout.TotalMilliseconds);
    }

    /// <summary>
    /// A fresh page (its own context) on the console's login form. With <paramref name="fakeClock"/> the page's
    /// timers run on Playwright's clock, so a test moves the console's polling on instead of waiting for it.
    /// </summary>
    public async Task<ConsolePage> OpenAsync(bool fakeClock = false)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Node.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout((float)Timeout.TotalMilliseconds);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(context, page);
        if (fakeClock)
        {
            await page.Clock.InstallAsync();
        }

        await page.GotoAsync("/");
        return console;
    }

    /// <summary>A fresh page logged in as <paramref name="user"/>, showing the overview.</summary>
    public async Task<ConsolePage> LogInAsync(string user, string password, bool fakeClock = false)
    {
        var console = await OpenAsync(fakeClock);
        await console.SubmitLoginAsync(user, password);
        await Assertions.Expect(console.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        return console;
    }

    /// <summary>An AMQP client connection, as an application would open one.</summary>
    public Task<IConnection> ConnectAsync(string clientName) => new ConnectionFactory
    {
        HostName = "127.0.0.1",
        Port = AmqpPort,
        AutomaticRecoveryEnabled = false,
        ContinuationTimeout = Timeout,
    }.CreateConnectionAsync(clientName).WaitAsync(Timeout);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Node.DisposeAsync();
    }
}

/// <summary>A page of the console with what the tests do on it; scripts' errors are collected to fail on.</summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly List<string> _scriptErrors = [];

    public ConsolePage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.PageError += (_, error) => _scriptErrors.Add(error);
        // Refusals the tests provoke (401, 403) log "Failed to load resource"; anything else logged as an error,
        // such as a Content-Security-Policy violation, is a fault of the console.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                _scriptErrors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public ILocator Status => Page.Locator("#toast");

    public async Task SubmitLoginAsync(string user, string password)
    {
        await Page.GetByLabel("User").FillAsync(user);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    /// <summary>Follows a link of the navigation bar.</summary>
    public Task NavigateAsync(string section) =>
        Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();

    /// <summary>Goes to a view by its address (#/queues/%2F/name…), as a bookmark would.</summary>
    public Task GoToAsync(string hash) => Page.EvaluateAsync("hash => { window.location.hash = hash; }", hash);

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>Saves a full-page screenshot under <see cref="ConsoleBrowser.ScreenshotFolder"/> and checks no script failed.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotFolder, name + ".png"), FullPage = true });
        Assert.Empty(_scriptErrors);
    }

    public ValueTask DisposeAsync() => _context.DisposeAsync();
}
