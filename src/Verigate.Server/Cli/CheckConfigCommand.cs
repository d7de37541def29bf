using System.CommandLine;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using Verigate.Core;
using Verigate.Core.Challenges;
using Verigate.Core.Fraud;
using Verigate.Core.RateLimiting;
using Verigate.Core.Sessions;
using Verigate.Delivery;
using Verigate.Delivery.Email;
using Verigate.Server.Api.Auth;
using Verigate.Server.Hosting;
using Verigate.Server.Webhooks;
using Verigate.Storage.Hosting;

namespace Verigate.Server.Cli;

/// <summary>
/// <c>check-config</c>: validates every setting the server would validate at start-up, then tries to reach the
/// configured database, SMTP server and SMS gateway, and ends with one verdict. Nothing is sent and nothing is
/// written to the database.
/// </summary>
public static class CheckConfigCommand
{
    public static Command Create()
    {
        var command = new Command("check-config",
            "Validate every setting and try to reach the configured database, SMTP server and SMS gateway; exit 0 when all is well, 1 otherwise.")
            .AcceptingSettings();
        command.SetAction(async (parsed, ct) =>
        {
            WebApplication app;
            try
            {
                app = VerigateHost.Build(parsed.Settings());
            }
            catch (Exception e) when (e is not HostAbortedException)
            {
                await Console.Out.WriteLineAsync("FAIL settings: " + StartupFailure.Describe(e));
                await Console.Out.WriteLineAsync("Verdict: the configuration is NOT usable (1 problem).");
                return 1;
            }

            await using (app)
            {
                // One line per bad setting, so each can be found and fixed on its own.
                var badSettings = ValidateSettings(app.Services);
                var problems = badSettings.Count;
                foreach (var failure in badSettings)
                {
                    await Console.Out.WriteLineAsync($"FAIL settings: {failure}");
                }

                if (badSettings.Count == 0)
                {
                    await Console.Out.WriteLineAsync("ok   settings");
                }

                foreach (var note in Notes(app.Services))
                {
                    await Console.Out.WriteLineAsync($"note {note}");
                }

                foreach (var (what, check) in Checks(app.Services))
                {
                    var failure = await Attempt(check, ct);
                    problems += failure is null ? 0 : 1;
                    await Console.Out.WriteLineAsync(failure is null ? $"ok   {what}" : $"FAIL {what}: {failure}");
                }

                await Console.Out.WriteLineAsync(problems == 0
                    ? "Verdict: the configuration is usable."
                    : $"Verdict: the configuration is NOT usable ({problems} problem(s)).");
                return problems == 0 ? 0 : 1;
            }
        });
        return command;
    }

    private static IEnumerable<(string What, Func<CancellationToken, Task<string?>> Check)> Checks(IServiceProvider services)
    {
        var options = Valid<StorageOptions>(services);
        var verigate = Valid<VerigateOptions>(services);
        var delivery = Valid<DeliveryOptions>(services);
        if (options is not null && verigate is not null)
        {
            yield return (options.IsPostgres ? "database (PostgreSQL)" : $"database (SQLite in {Path.GetFullPath(verigate.DataDirectory)})",
                ct => CheckDatabaseAsync(options, verigate, ct));
        }

        if (delivery is null)
        {
            yield break;
        }

        yield return delivery.Email.IsConfigured
            ? ($"SMTP server {delivery.Email.Smtp.Host}:{delivery.Email.Smtp.EffectivePort}", ct => CheckSmtpAsync(delivery.Email.Smtp, ct))
            : ("email: no SMTP server configured, messages go to the development inbox", _ => Task.FromResult<string?>(null));
        var gateway = delivery.Sms.Kannel.IsConfigured ? delivery.Sms.Kannel.SendSmsUrl : delivery.Sms.Http.Url;
        yield return gateway is not null
            ? ($"SMS gateway {new Uri(gateway).Authority}", ct => CheckReachableAsync(new Uri(gateway), ct))
            : ("sms: no gateway configured, messages go to the development inbox", _ => Task.FromResult<string?>(null));
    }

    /// <summary>Settings that are valid but must not reach production; said, not counted as problems.</summary>
    private static IEnumerable<string> Notes(IServiceProvider services)
    {
        if (Valid<WebhookOptions>(services) is { } webhooks)
        {
            if (webhooks.AllowInsecureUrls)
            {
                yield return "Webhooks:AllowInsecureUrls is on: plain http:// webhook endpoints are accepted (development and tests only).";
            }

            if (webhooks.AllowPrivateAddresses)
            {
                yield return "Webhooks:AllowPrivateAddresses is on: webhooks may reach loopback, private and metadata addresses (development and tests only).";
            }
        }

        if (Valid<SmsGuardOptions>(services) is { AllowedCountries.Count: 0 })
        {
            yield return "SmsGuard:AllowedCountries is empty: SMS may go to every country; list the countries you serve.";
        }
    }

    private static List<string> ValidateSettings(IServiceProvider services)
    {
        var failures = new List<string>();
        Collect<VerigateOptions>(services, failures);
        Collect<StorageOptions>(services, failures);
        Collect<CodePolicyOptions>(services, failures);
        Collect<RateLimitOptions>(services, failures);
        Collect<SessionPolicyOptions>(services, failures);
        Collect<DeliveryOptions>(services, failures);
        Collect<VerifyApiOptions>(services, failures);
        Collect<Core.VerifyServices.VerifyServicesOptions>(services, failures);
        Collect<SmsGuardOptions>(services, failures);
        Collect<WebhookOptions>(services, failures);
        Collect<Core.AccountRecovery.AccountRecoveryOptions>(services, failures);
        return failures;
    }

    private static void Collect<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException e)
        {
            failures.AddRange(e.Failures);
        }
        catch (InvalidOperationException e)
        {
            // A value the binder cannot convert ("Failed to convert configuration value at 'Codes:Length' …").
            failures.Add(e.Message);
        }
    }

    private static T? Valid<T>(IServiceProvider services)
        where T : class
    {
        var failures = new List<string>();
        Collect<T>(services, failures);
        return failures.Count == 0 ? services.GetRequiredService<IOptions<T>>().Value : null;
    }

    private static async Task<string?> Attempt(Func<CancellationToken, Task<string?>> check, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            return await check(timeout.Token);
        }
        catch (Exception e) when (e is not HostAbortedException)
        {
            return StartupFailure.Describe(e);
        }
    }

    private static async Task<string?> CheckDatabaseAsync(StorageOptions storage, VerigateOptions verigate, CancellationToken ct)
    {
        if (!storage.IsPostgres)
        {
            DataDirectoryLock.EnsureUsable(verigate.DataDirectory);
            return null;
        }

        return await Storage.Postgres.PostgresProbe.ProbeAsync(storage.ConnectionString!, ct);
    }

    private static async Task<string?> CheckSmtpAsync(SmtpOptions smtp, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = 15_000 };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(smtp.Host!, smtp.EffectivePort, security, ct);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? string.Empty, ct);
            }

            await client.DisconnectAsync(quit: true, ct);
            return null;
        }
        catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or MailKit.CommandException or AuthenticationException or SslHandshakeException or OperationCanceledException)
        {
            return $"Delivery:Email:Smtp: cannot use {smtp.Host}:{smtp.EffectivePort} ({e.Message}).";
        }
    }

    /// <summary>A TCP connection only: an HTTP request to a send URL could send a message.</summary>
    private static async Task<string?> CheckReachableAsync(Uri gateway, CancellationToken ct)
    {
        try
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(gateway.Host, gateway.Port, ct);
            return null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return $"Delivery:Sms: cannot reach the gateway at {gateway.Authority} ({e.Message}).";
        }
    }
}
