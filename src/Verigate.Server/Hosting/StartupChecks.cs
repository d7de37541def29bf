using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Storage;
using Verigate.Delivery;

namespace Verigate.Server.Hosting;

/// <summary>
/// Opens the store before anything else starts (so migrations, key checks and bad settings fail the start, not
/// the first request), and says loudly when messages only go to the development inbox.
/// </summary>
internal sealed partial class StartupChecks(IServiceProvider services, IOptions<DeliveryOptions> delivery, IOptions<VerigateOptions> verigate, ILogger<StartupChecks> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IStore>();
        if (delivery.Value.UsesDevInbox)
        {
            LogDevInbox(logger, new Uri(verigate.Value.PublicBase, "dev/inbox"));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "\n*** DEVELOPMENT INBOX MODE ***\nNo real SMS or email channel is configured, so NO MESSAGE LEAVES THIS MACHINE.\n" +
        "Codes are visible to anyone who can reach {InboxUrl} and GET /v1/dev/messages.\n" +
        "Configure a real channel before serving real users; doing so turns the inbox off.\n")]
    private static partial void LogDevInbox(ILogger logger, Uri inboxUrl);
}
