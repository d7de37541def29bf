using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Destinations;
using Verigate.Delivery;
using Verigate.Storage.Postgres;

namespace Verigate.Server.Hosting;

/// <summary>
/// Opens the store before anything else starts (so migrations, key checks and bad settings fail the start, not
/// the first request), makes sure a shared key ring exists, and says loudly when messages only go to the
/// development inbox.
/// </summary>
internal sealed partial class StartupChecks(
    IServiceProvider services, IOptions<DeliveryOptions> delivery, IOptions<VerigateOptions> verigate, ILogger<StartupChecks> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var opened = services.GetRequiredService<OpenedStore>();
        if (opened.Postgres is { } postgres)
        {
            // Instances starting together on an empty key ring would each create a first key and then fail to
            // read each other's protected codes until their next ring refresh. Creating (or loading) the key
            // under a database lock gives every instance the same ring from the first request.
            var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Verigate.Startup.KeyRing");
            new PostgresXmlRepository(postgres.DataSource).WithKeyRingLock(() => protector.Unprotect(protector.Protect("ready")));
        }

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
