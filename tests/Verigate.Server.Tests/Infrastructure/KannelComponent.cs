using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// The real Kannel and SMPP simulator started by eng/components.d/kannel.sh. Tests that need them fail, with the
/// way to start them, when they are not running.
/// </summary>
public static class KannelComponent
{
    public static string SendSmsUrl => Variable("VERIGATE_KANNEL_SENDSMS_URL");
    public static string Username => Variable("VERIGATE_KANNEL_USERNAME");
    public static string Password => Variable("VERIGATE_KANNEL_PASSWORD");

    /// <summary>Settings that send SMS through Kannel, with delivery reports back to a server on <paramref name="port"/>.</summary>
    public static Dictionary<string, string?> Settings(int port, string? password = null) => new()
    {
        ["Delivery:Sms:Kannel:SendSmsUrl"] = SendSmsUrl,
        ["Delivery:Sms:Kannel:Username"] = Username,
        ["Delivery:Sms:Kannel:Password"] = password ?? Password,
        ["Delivery:Sms:Kannel:Timeout"] = "00:00:05",
        ["Delivery:Sms:CallbackBaseUrl"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/",
        ["Delivery:Dispatcher:RetryBase"] = "00:00:01",
        ["Delivery:Dispatcher:RetryMax"] = "00:00:04",
    };

    /// <summary>
    /// A German mobile number unique to this test run whose last four digits tell the simulator what to do:
    /// 0016 rejected, 0002 undelivered, 0004 never confirmed, anything else delivered.
    /// </summary>
    public static string Phone(string outcomeSuffix) =>
        "+49151" + Random.Shared.Next(0, 10000).ToString("D4", CultureInfo.InvariantCulture) + outcomeSuffix;

    /// <summary>
    /// What the SMPP simulator accepted for <paramref name="e164"/>, in order, with the parts of concatenated
    /// messages (UDH <c>00 03 ref total seq</c>) joined back into one message.
    /// </summary>
    public static IReadOnlyList<SimulatorSms> Received(string e164)
    {
        var log = Variable("VERIGATE_SMPP_SIM_LOG");
        var to = e164.TrimStart('+');
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var parts = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("to").GetString() == to);
        var messages = new List<SimulatorSms>();
        var pending = new Dictionary<string, SortedDictionary<int, JsonElement>>();
        foreach (var part in parts)
        {
            var udh = part.GetProperty("udh").GetString();
            var coding = part.GetProperty("dataCoding").GetInt32();
            if (udh is null || !udh.StartsWith("0003", StringComparison.Ordinal))
            {
                messages.Add(new SimulatorSms(to, coding, part.GetProperty("text").GetString()!, 1));
                continue;
            }

            var bytes = Convert.FromHexString(udh);
            var key = bytes[2].ToString(CultureInfo.InvariantCulture);
            var group = pending.TryGetValue(key, out var found) ? found : pending[key] = [];
            group[bytes[4]] = part;
            if (group.Count == bytes[3])
            {
                messages.Add(new SimulatorSms(to, coding, string.Concat(group.Values.Select(p => p.GetProperty("text").GetString())), group.Count));
                pending.Remove(key);
            }
        }

        return messages;
    }

    public static async Task<IReadOnlyList<SimulatorSms>> WaitForReceivedAsync(string e164, int count = 1, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (Received(e164).Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} SMS to {e164} at the SMPP simulator, found {Received(e164).Count}.");
            }

            await Task.Delay(50);
        }

        return Received(e164);
    }

    /// <summary>Stops (<c>stop-kannel</c>) or starts (<c>start-kannel</c>) bearerbox and smsbox, leaving the simulator running.</summary>
    public static async Task ControlAsync(string action)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Variable("VERIGATE_KANNEL_CTL"), action]) { RedirectStandardError = true })!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kannel.sh {action} failed: {errors}");
    }

    private static string Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: Kannel and the SMPP simulator are not running. Run ./eng/test.sh, which starts them " +
                "(eng/components.d/kannel.sh installs 'kannel kannel-extras' with apt and runs 'npm ci' in eng/smpp-sim; Node.js is needed), " +
                "or start them yourself: eng/components.sh start && source artifacts/components.env.");
}

/// <summary>One SMS as the simulator received it (joined from its parts).</summary>
public sealed record SimulatorSms(string To, int DataCoding, string Text, int Parts);
