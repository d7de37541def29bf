using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>The binary's commands, run as an operator runs them.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Theory]
    [InlineData("Usage:", "--help")]
    [InlineData("check-config", "-h")]
    [InlineData("apikey create [options]", "apikey", "create", "--help")]
    [InlineData("revoke", "apikey", "--help")]
    [InlineData("schema migrations", "migrate", "--help")]
    [InlineData("try to reach", "check-config", "--help")]
    public async Task Help_prints_usage_and_never_starts_the_server(string expected, params string[] args)
    {
        var run = await ServerProcess.RunCommandAsync(_data, args);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DEVELOPMENT INBOX", run.Output + run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "verigate.db")), "--help must not open the store");
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var run = await ServerProcess.RunCommandAsync(_data, "apikey", "craete");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_passes_the_embedded_defaults()
    {
        var run = await ServerProcess.RunCommandAsync(_data, "check-config");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("ok   settings", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok   database (SQLite", run.Output, StringComparison.Ordinal);
        Assert.EndsWith("Verdict: the configuration is usable.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_names_every_bad_setting_and_every_unreachable_component()
    {
        var closed = LoopbackPort.Free();
        var run = await ServerProcess.RunCommandAsync(_data, new Dictionary<string, string>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = $"Host=127.0.0.1;Port={closed};Database=x;Username=x;Password=x;Timeout=3",
            ["Delivery__Sms__Kannel__SendSmsUrl"] = $"http://127.0.0.1:{closed}/cgi-bin/sendsms",
            ["Delivery__Sms__Kannel__Username"] = "u",
            ["Delivery__Sms__Kannel__Password"] = "p",
            ["Delivery__Email__Smtp__Host"] = "127.0.0.1",
            ["Delivery__Email__Smtp__Port"] = closed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Delivery__Email__Smtp__Security"] = "None",
            ["Delivery__Email__Smtp__From"] = "Verigate <no-reply@mail.example.test>",
            ["Codes__Length"] = "3",
        }, "check-config");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("FAIL settings: ", run.Output, StringComparison.Ordinal);
        Assert.Contains("Codes:Length", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL database (PostgreSQL): Storage:ConnectionString", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL SMTP server", run.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL SMS gateway", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=x", run.Output, StringComparison.Ordinal);
        Assert.Contains("Verdict: the configuration is NOT usable (4 problem(s)).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_gives_each_bad_sms_guard_and_webhook_setting_its_own_line()
    {
        var run = await ServerProcess.RunCommandAsync(_data, new Dictionary<string, string>
        {
            ["SmsGuard__AllowedCountries__0"] = "Germany",
            ["SmsGuard__SafeList__0"] = "15555550100",
            ["SmsGuard__DailySmsBudget"] = "-1",
            ["SmsGuard__ConversionWatch__JumpAbove"] = "2",
            ["Webhooks__Timeout"] = "00:00:30",
            ["Webhooks__Lease"] = "00:00:10",
            ["Webhooks__Concurrency"] = "0",
        }, "check-config");

        Assert.Equal(1, run.ExitCode);
        var failures = run.Output.Split('\n').Where(l => l.StartsWith("FAIL settings: ", StringComparison.Ordinal)).ToList();
        string[] expected =
        [
            "SmsGuard:AllowedCountries holds 'Germany'",
            "SmsGuard:SafeList entries are E.164",
            "SmsGuard:DailySmsBudget cannot be negative",
            "SmsGuard:ConversionWatch:JumpAbove must be above 0",
            "Webhooks:Lease (00:00:10) must be longer than Webhooks:Timeout (00:00:30)",
            "Webhooks:Concurrency must be at least 1",
        ];
        Assert.Equal(expected.Length, failures.Count);
        Assert.All(expected, e => Assert.Single(failures, f => f.Contains(e, StringComparison.Ordinal)));
        Assert.Contains($"Verdict: the configuration is NOT usable ({expected.Length} problem(s)).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_notes_settings_that_must_not_reach_production()
    {
        // The test environment turns both webhook settings on (its receiver is http on loopback).
        var run = await ServerProcess.RunCommandAsync(_data, "check-config");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("note Webhooks:AllowInsecureUrls is on", run.Output, StringComparison.Ordinal);
        Assert.Contains("note Webhooks:AllowPrivateAddresses is on", run.Output, StringComparison.Ordinal);
        Assert.Contains("note SmsGuard:AllowedCountries is empty", run.Output, StringComparison.Ordinal);
    }
}
