namespace Verigate.Server.Tests;

/// <summary>
/// Each project registers itself: the server picks a store by name and never handles a database driver. The compiler
/// records an assembly reference only for assemblies whose types the code uses, so these fail as soon as a type
/// from the driver (or from ASP.NET Core, in the domain) is used directly.
/// </summary>
public sealed class ProjectBoundaryTests
{
    [Fact]
    public void The_server_uses_no_type_of_the_postgresql_driver()
    {
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Verigate.Storage", referenced);
        Assert.DoesNotContain("Npgsql", referenced);
        Assert.DoesNotContain("Microsoft.Data.Sqlite", referenced);
    }

    [Fact]
    public void The_domain_uses_no_database_driver_and_no_aspnet_core()
    {
        var referenced = typeof(Core.CoreServiceCollectionExtensions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Microsoft.Extensions.DependencyInjection.Abstractions", referenced);
        Assert.DoesNotContain(referenced, name => name.StartsWith("Npgsql", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal)
            || name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }
}
