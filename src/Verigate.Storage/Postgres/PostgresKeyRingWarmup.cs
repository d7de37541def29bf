using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;

namespace Verigate.Storage.Postgres;

/// <summary>
/// Instances starting together on an empty key ring would each create a first key and then fail to read each
/// other's protected data until their next ring refresh. Creating (or loading) the key under a database lock
/// gives every instance the same ring from the first request.
/// </summary>
internal sealed class PostgresKeyRingWarmup(PostgresStoreOpener opened, IDataProtectionProvider dataProtection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var protector = dataProtection.CreateProtector("Verigate.Startup.KeyRing");
        new PostgresXmlRepository(opened.Store!.DataSource).WithKeyRingLock(() => protector.Unprotect(protector.Protect("ready")));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
