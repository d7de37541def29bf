using System.Net;
using System.Net.Http.Json;
using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

public sealed class ApiKeyCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-cli-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_created_key_works_once_printed_is_listed_without_its_secret_and_stops_working_when_revoked()
    {
        var created = await ServerProcess.RunCommandAsync(_data, "apikey", "create", "--name", "shop-backend");
        Assert.Equal(0, created.ExitCode);
        Assert.StartsWith("vgk_", created.Output, StringComparison.Ordinal);
        var key = created.Output;

        using var server = await ServerProcess.StartAsync(_data);
        using var api = server.Client(key);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915160000001", channel = "sms" })).StatusCode);

        var listed = await ServerProcess.RunCommandAsync(_data, "apikey", "list");
        Assert.Contains("shop-backend", listed.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, listed.Output, StringComparison.Ordinal);

        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "apikey", "create", "--name", "shop-backend")).ExitCode);
        Assert.Equal(0, (await ServerProcess.RunCommandAsync(_data, "apikey", "revoke", "--name", "shop-backend")).ExitCode);
        await (await api.PostAsJsonAsync("/v1/verifications", new { to = "+4915160000002", channel = "sms" })).ProblemAsync(401, "unauthorized");
        Assert.Equal(1, (await ServerProcess.RunCommandAsync(_data, "apikey", "revoke", "--name", "shop-backend")).ExitCode);
    }

    [Theory]
    [InlineData("apikey")]
    [InlineData("apikey", "create")]
    [InlineData("apikey", "create", "--name", "bad name!")]
    public async Task Wrong_usage_prints_how_to_use_it_and_exits_2(params string[] args)
    {
        var result = await ServerProcess.RunCommandAsync(_data, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: apikey", result.Error, StringComparison.Ordinal);
    }
}
