using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests.Delivery;

/// <summary>Settings that point Verigate's email channel at a test SMTP server.</summary>
internal static class SmtpSettings
{
    public static IReadOnlyDictionary<string, string?> For(int port, DkimTestKey? dkim = null, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Delivery:Email:Smtp:Host"] = "127.0.0.1",
            ["Delivery:Email:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery:Email:Smtp:Security"] = "None",
            ["Delivery:Email:Smtp:From"] = "Verigate <no-reply@mail.example.test>",
            ["Delivery:Email:Smtp:Timeout"] = "00:00:05",
            ["Delivery:Dispatcher:RetryBase"] = "00:00:01",
            ["Delivery:Dispatcher:RetryMax"] = "00:00:04",
        };
        if (dkim is not null)
        {
            settings["Delivery:Email:Dkim:KeyFile"] = dkim.KeyFile;
            settings["Delivery:Email:Dkim:Domain"] = DkimTestKey.Domain;
            settings["Delivery:Email:Dkim:Selector"] = DkimTestKey.Selector;
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return VerigateTestServer.Relaxed(settings);
    }
}
