using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Destinations;
using Verigate.Delivery;

namespace Verigate.Server.Hosting;

/// <summary>Says loudly, once the store is open, when messages only go to the development inbox.</summary>
internal sealed partial class StartupChecks(IOptions<DeliveryOptions> delivery, IOptions<VerigateOptions> verigate, ILogger<StartupChecks> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (delivery.Value.UsesDevInbox)
        {
            var channels = string.Join(" and ", new[] { Channel.Email, Channel.Sms }.Where(delivery.Value.UsesDevInboxFor).Select(c => c.ToWire()));
            LogDevInbox(logger, channels, new Uri(verigate.Value.PublicBase, "dev/inbox"));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "\n*** DEVELOPMENT INBOX MODE ***\nNo real gateway is configured for {Channels}, so those messages DO NOT LEAVE THIS MACHINE.\n" +
        "Codes are visible to anyone who can reach {InboxUrl} and GET /v1/dev/messages.\n" +
        "Configure a gateway for every channel before serving real users (see docs/operations.md); doing so turns the inbox off.\n")]
    private static partial void LogDevInbox(ILogger logger, string channels, Uri inboxUrl);
}
