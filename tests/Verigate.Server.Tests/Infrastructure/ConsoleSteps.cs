using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Verigate.Core.Staff;

namespace Verigate.Server.Tests.Infrastructure;

/// <summary>
/// Staff members for console tests, made through the real path: <see cref="StaffDirectory"/> (what <c>staff create</c>
/// calls) gives the setup link, the setup page sets the password and enrols the authenticator (the code computed
/// from the key the page shows), and the sign-in page signs in. Also shared by the browser tests.
/// </summary>
public sealed partial class ConsoleSteps(VerigateTestServer server)
{
    public const string Password = "console staff passphrase 42";
    private static int _counter;

    /// <summary>A staff member who finished setup: what they sign in with.</summary>
    public sealed record StaffLogin(string Name, StaffRole Role, string Password, byte[] Secret);

    public static string UniqueName(string prefix = "staff") => $"{prefix}{Interlocked.Increment(ref _counter)}-{Environment.TickCount64 % 100000}";

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where a page sends them.</summary>
    public HttpClient NewClient() => NewClient(out _);

    public HttpClient NewClient(out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = BaseAddress() };
    }

    /// <summary>A client (keeping cookies, not following redirects) that starts with <paramref name="cookie"/> (<c>name=value</c>).</summary>
    public HttpClient WithCookie(string cookie)
    {
        var client = NewClient(out var jar);
        var (name, value) = (cookie.Split('=', 2)[0], cookie.Split('=', 2)[1]);
        jar.Add(BaseAddress(), new Cookie(name, value, "/"));
        return client;
    }

    private Uri BaseAddress()
    {
        using var probe = server.Anonymous();
        return probe.BaseAddress!;
    }

    /// <summary>Creates a staff member as the CLI does and returns their setup link's path.</summary>
    public async Task<(string Name, string SetupPath)> CreateAsync(StaffRole role, string? name = null)
    {
        name ??= UniqueName();
        var link = await server.Services.GetRequiredService<StaffDirectory>().CreateAsync(name, role, "tests", CancellationToken.None);
        Assert.True(link.IsSuccess, link.IsSuccess ? null : link.Error.Message);
        return (link.Value.Staff.Name, "/" + StaffSetupLink.PagePath + link.Value.Token);
    }

    /// <summary>Creates a staff member and finishes their setup on the setup page.</summary>
    public async Task<StaffLogin> CreateSetUpAsync(StaffRole role, string? name = null)
    {
        var (staffName, setupPath) = await CreateAsync(role, name);
        using var client = NewClient();
        var page = await client.GetStringAsync(setupPath);
        var secret = Base32Encoding.ToBytes(KeyOf(page));
        var done = await PostFormAsync(client, setupPath, new() { ["password"] = Password, ["code"] = CodeFor(secret) }, page);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("console access is ready", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return new StaffLogin(staffName, role, Password, secret);
    }

    /// <summary>A client signed in to the console as a new staff member of <paramref name="role"/>.</summary>
    public async Task<(HttpClient Client, StaffLogin Login)> SignedInAsync(StaffRole role)
    {
        var login = await CreateSetUpAsync(role);
        var client = NewClient();
        var signedIn = await SignInAsync(client, login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, login);
    }

    /// <summary>
    /// Posts the sign-in form. Each TOTP step signs in once, so the fake clock moves to the next step first; a test
    /// may give its own <paramref name="code"/> or <paramref name="password"/> to be refused.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(HttpClient client, StaffLogin login, string? code = null, string? password = null)
    {
        server.Time.Advance(TimeSpan.FromSeconds(30));
        return await PostFormAsync(client, "/console/sign-in",
            new() { ["name"] = login.Name, ["password"] = password ?? login.Password, ["code"] = code ?? CodeFor(login.Secret) });
    }

    /// <summary>Signs in and returns the console cookie (<c>name=value</c>), for tests that replay it.</summary>
    public async Task<string> SignInCookieAsync(StaffLogin login)
    {
        using var client = NewClient(out var jar);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, login)).StatusCode);
        return "vg_console=" + jar.GetCookies(BaseAddress())["vg_console"]!.Value;
    }

    /// <summary>The authenticator code for <paramref name="secret"/> at the server's (fake) clock.</summary>
    public string CodeFor(byte[] secret) => new Totp(secret).ComputeTotp(server.Time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Posts a page's form the way a browser does: with the antiforgery token of the page (fetched from
    /// <paramref name="pagePath"/> unless its <paramref name="html"/> is given).
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        HttpClient client, string pagePath, Dictionary<string, string> fields, string? html = null, string? action = null)
    {
        html ??= await client.GetStringAsync(pagePath);
        var form = new Dictionary<string, string>(fields) { ["__vg_af"] = AntiforgeryToken(html) };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(action ?? pagePath, content);
    }

    public static string AntiforgeryToken(string html) =>
        AntiforgeryField().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    public static string KeyOf(string setupPage) =>
        TotpKey().Match(setupPage) is { Success: true } m ? m.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal) : throw new InvalidOperationException("No authenticator key on the page.");

    /// <summary>The audit trail's rows of <paramref name="types"/> (type, user, actor, detail), oldest first, read from the SQLite file.</summary>
    public async Task<IReadOnlyList<(string Type, long? UserId, string? Actor, string? Detail)>> AuditAsync(params string[] types)
    {
        await using var db = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "verigate.db")};Mode=ReadOnly;Pooling=false");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT type, user_id, actor, detail FROM audit_events WHERE type IN ({string.Join(',', types.Select((_, i) => "@t" + i))}) ORDER BY id";
        for (var i = 0; i < types.Length; i++)
        {
            command.Parameters.AddWithValue("@t" + i, types[i]);
        }

        var rows = new List<(string, long?, string?, string?)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    [GeneratedRegex("name=\"__vg_af\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("id=\"totp-key\" class=\"key\">([A-Z2-7 ]+)<")]
    private static partial Regex TotpKey();
}
