using Verigate.Server.Tests.Infrastructure;

namespace Verigate.Server.Tests;

/// <summary>What an operator meets: the shipped settings example, log levels and formats.</summary>
public sealed class OperatingTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("verigate-operating-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static string Example => Path.Combine(RepositoryRoot(), "appsettings.example.json");

    [Fact]
    public async Task The_shipped_example_is_read_from_the_working_directory_and_is_valid()
    {
        File.Copy(Example, Path.Combine(_data, "appsettings.json"));
        var valid = await ServerProcess.RunCommandAsync(_data, "check-config");
        Assert.True(valid.ExitCode == 0, valid.Output + valid.Error);

        // The same file with a bad value: check-config names it, so the file really is what was read.
        File.WriteAllText(Path.Combine(_data, "appsettings.json"),
            File.ReadAllText(Example).Replace("\"Count\": 5", "\"Count\": 0", StringComparison.Ordinal));
        var invalid = await ServerProcess.RunCommandAsync(_data, "check-config");
        Assert.Equal(1, invalid.ExitCode);
        Assert.Contains("RateLimits:SendsPerDestination", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task By_default_requests_are_not_logged_one_line_each_but_lifecycle_information_is()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Information" });
        using var client = server.Client();
        for (var i = 0; i < 5; i++)
        {
            await client.GetStringAsync("/readyz");
        }

        await Task.Delay(500);
        var output = string.Join('\n', server.Output);
        Assert.Contains("Now listening on", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request starting", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Request finished", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_console_logs_are_one_object_per_line()
    {
        using var server = await ServerProcess.StartAsync(_data, new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "json",
        });

        var line = Assert.Single(server.Output, l => l.Contains("Now listening on", StringComparison.Ordinal));
        using var json = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
        Assert.Equal("Microsoft.Hosting.Lifetime", json.RootElement.GetProperty("Category").GetString());
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Verigate.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Verigate.slnx not found above " + AppContext.BaseDirectory);
    }
}
