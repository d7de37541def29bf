using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Verigate.Server.Tests.Infrastructure;
using Verigate.Server.Tests.OpenApi.Generated;
using Verigate.Server.Tests.OpenApi.Generated.Models;

namespace Verigate.Server.Tests.OpenApi;

/// <summary>
/// Issue 7 item 6: the served OpenAPI document passes Redocly's lint with no errors, the C# client Kiota generates
/// from it is the one committed under OpenApi/Generated (so it is regenerated whenever the API changes), and that
/// client, compiled, runs a whole verification against the real server.
/// </summary>
public sealed class OpenApiClientTests : IAsyncLifetime
{
    private const string HowToInstall = "Run ./eng/test.sh, or eng/components.sh start (which runs `npm ci` in eng/openapi and `dotnet tool restore`).";
    private VerigateTestServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new VerigateTestServer(VerigateTestServer.Relaxed());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verigate.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Verigate.slnx) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The served document, with its server URL (the test server's random port) made fixed, so generation is repeatable.</summary>
    private async Task<string> ServedDocumentAsync(string directory)
    {
        using var client = _server.Anonymous();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "http://localhost" });
        var path = Path.Combine(directory, "openapi.json");
        await File.WriteAllTextAsync(path, document.ToJsonString());
        return path;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = RepositoryRoot(), RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout + await stderr);
    }

    [Fact]
    public async Task The_served_document_passes_the_redocly_lint_with_no_errors()
    {
        var redocly = Environment.GetEnvironmentVariable("VG_REDOCLY") is { Length: > 0 } configured
            ? configured
            : Path.Combine(RepositoryRoot(), "eng/openapi/node_modules/.bin/redocly");
        Assert.True(File.Exists(redocly), $"Redocly CLI is not installed ({redocly}). {HowToInstall}");
        var temp = Directory.CreateTempSubdirectory("vg-openapi-");
        try
        {
            var document = await ServedDocumentAsync(temp.FullName);
            var (exitCode, output) = await RunAsync(redocly, "lint", document, "--config", "eng/openapi/redocly.yaml", "--format=stylish");
            Assert.True(exitCode == 0, "redocly lint found errors:\n" + output);
            Assert.Contains("valid", output, StringComparison.Ordinal);
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_committed_client_is_what_kiota_generates_from_the_served_document()
    {
        var temp = Directory.CreateTempSubdirectory("vg-kiota-");
        try
        {
            var document = await ServedDocumentAsync(temp.FullName);
            var output = Path.Combine(temp.FullName, "client");
            var (exitCode, log) = await RunAsync("bash", "eng/openapi/generate-client.sh", document, output);
            Assert.True(exitCode == 0, $"Kiota did not generate the client. {HowToInstall}\n{log}");

            var committed = Path.Combine(RepositoryRoot(), "tests/Verigate.Server.Tests/OpenApi/Generated");
            var expected = Files(output);
            var actual = Files(committed);
            var differing = expected.Keys.Union(actual.Keys)
                .Where(f => !expected.TryGetValue(f, out var e) || !actual.TryGetValue(f, out var a) || e != a)
                .Order(StringComparer.Ordinal).ToList();
            Assert.True(differing.Count == 0,
                "The committed client is not what the served document generates; run eng/openapi/generate-client.sh on the served " +
                "/openapi/v1.json (servers set to http://localhost) and commit it. Differing files: " + string.Join(", ", differing.Take(20)));
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);

    [Fact]
    public async Task The_generated_client_runs_a_verification_round_trip()
    {
        using var http = _server.Integrator();
        var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') };
        var client = new VerigateApiClient(adapter);
        const string to = "+4915177700001";

        var started = await client.V1.Verifications.PostAsync(new StartVerificationRequest
        {
            To = to, Channel = StartVerificationRequest_channel.Sms, Purpose = StartVerificationRequest_purpose.Login,
        });
        Assert.Equal(VerificationResponse_status.Pending, started!.Status);
        Assert.Equal(5, started.AttemptsRemaining);

        var inbox = await client.V1.Dev.Messages.GetAsync(r => r.QueryParameters.To = to);
        for (var i = 0; i < 100 && inbox is not { Count: > 0 }; i++)
        {
            await Task.Delay(50);
            inbox = await client.V1.Dev.Messages.GetAsync(r => r.QueryParameters.To = to);
        }

        var code = VerigateTestServer.CodeOf(new InboxMessage(inbox![0].Id!, inbox[0].To!, "sms", null, inbox[0].Body!, DateTime.UtcNow));

        // A wrong code is a typed problem, with its code and the attempts left.
        var wrong = await Assert.ThrowsAsync<Problem>(() => client.V1.Verifications[started.Id!].Check.PostAsync(new CheckVerificationRequest { Code = "0000000" }));
        Assert.Equal(422, wrong.ResponseStatusCode);
        Assert.Equal(Problem_code.Code_incorrect, wrong.Code);
        Assert.Equal(4, wrong.AttemptsRemaining);

        var approved = await client.V1.Verifications[started.Id!].Check.PostAsync(new CheckVerificationRequest { Code = code });
        Assert.Equal(VerificationStatusResponse_status.Approved, approved!.Status);
        Assert.Equal(VerificationDetailsResponse_status.Approved, (await client.V1.Verifications[started.Id!].GetAsync())!.Status);
    }
}
