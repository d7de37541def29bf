using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verigate.Server.Api.Problems;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>The service must agree with its contract, docs/api.md (a copy of the shared contract).</summary>
public sealed partial class ContractTests(SharedServer fixture) : IClassFixture<SharedServer>
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "contract", "api.md"));

    [Fact]
    public async Task The_openapi_document_lists_every_call_of_the_contract()
    {
        using var client = fixture.Server.Anonymous();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var published = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {Normalize(p.Name)}"))
            .ToHashSet();

        var calls = ContractCall().Matches(Contract).Select(m => $"{m.Groups[1].Value} {Normalize(m.Groups[2].Value)}").Distinct().ToList();

        Assert.True(calls.Count >= 15, $"Only {calls.Count} calls found in the contract.");
        Assert.All(calls, call => Assert.Contains(call, published));
    }

    /// <summary>Snake-case names the contract documents that are not error codes: limit names in 429s, purposes.</summary>
    private static readonly HashSet<string> NotErrorCodes =
    [
        "sends_per_destination", "sends_per_phone_prefix", "sends_per_account", "sends_per_ip", "sends_per_api_key",
        "logins_per_ip", "logins_per_account", "password_reset", "contact_change", "two_factor", "link_account",
        // second_factor.changed's change values
        "totp_enabled", "totp_disabled", "recovery_codes_regenerated", "recovery_code_used", "removed_by_account_recovery",
        // account.sessions_revoked's reasons
        "signed_out", "others_revoked",
        // the kinds of GET /v1/me/activity
        "account_created", "signed_in", "sign_in_failed", "device_remembered", "password_confirmed", "password_changed",
        "username_changed", "contact_verified", "two_step_on", "two_step_off", "recovery_codes_created", "passkey_added",
        "passkey_removed", "code_reported", "code_entry_locked", "account_recovery_requested", "account_secured",
        "support_pin_created", "support_pin_checked", "support_action",
    ];

    [Fact]
    public void Every_error_code_the_contract_names_has_a_status_and_title()
    {
        var codes = ContractCode().Matches(Contract).Select(m => m.Groups[1].Value)
            .Where(c => c.Contains('_', StringComparison.Ordinal) && c is not "new_device" and not "max_attempts_reached" && !NotErrorCodes.Contains(c))
            .Distinct()
            .ToList();

        Assert.Contains("code_incorrect", codes);
        Assert.All(codes, code => Assert.Contains(code, ErrorCatalog.Codes));
    }

    [Fact]
    public async Task Health_and_readiness_answer()
    {
        using var client = fixture.Server.Anonymous();
        Assert.Equal("ok", await client.GetStringAsync("/healthz"));
        Assert.Equal("ready", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_problems_too()
    {
        using var client = fixture.Server.Anonymous();
        await (await client.GetAsync("/v1/nothing-here")).ProblemAsync(404, "not_found");
        await (await client.DeleteAsync("/v1/accounts")).ProblemAsync(405, "method_not_allowed");
    }

    [Fact]
    public async Task The_development_inbox_page_warns_and_encodes_what_it_shows()
    {
        using var client = fixture.Server.Anonymous();
        var page = await client.GetAsync("/dev/inbox");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("messages stop here", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalize(string path) => ParameterName().Replace(path.TrimEnd('/'), "{}");

    [GeneratedRegex(@"`(GET|POST) (/v1/[^\s`?]+)")]
    private static partial Regex ContractCall();

    [GeneratedRegex(@"`([a-z]+(?:_[a-z]+)+)`")]
    private static partial Regex ContractCode();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex ParameterName();
}
