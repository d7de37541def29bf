using Verigate.Core;

namespace Verigate.Server.Hosting;

/// <summary>
/// An exclusive lock on <c>{Verigate:DataDirectory}/verigate.lock</c>, held while the server runs: two servers on
/// one SQLite file would each believe they own it. The lock is the operating system's (flock on Linux, taken by
/// <see cref="FileShare.None"/>), so it ends with the process, also after kill -9; the file itself may stay.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "verigate.lock";

    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    public static DataDirectoryLock Acquire(string directory)
    {
        var full = EnsureWritableDirectory(directory);
        var path = Path.Combine(full, FileName);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException e)
        {
            throw Unusable(full, e);
        }
        catch (IOException e)
        {
            throw new StartupException(
                $"Verigate:DataDirectory '{full}' is in use by another running Verigate server (it holds {FileName}). " +
                "Stop that server, or give this one its own Verigate:DataDirectory; several servers share data only through PostgreSQL.", e);
        }

        // The holder's process id, for the operator who wonders which process it is.
        file.SetLength(0);
        using (var writer = new StreamWriter(file, leaveOpen: true))
        {
            writer.WriteLine(Environment.ProcessId);
        }

        file.Flush(flushToDisk: false);
        return new DataDirectoryLock(file);
    }

    /// <summary>On PostgreSQL the directory holds only keys, and instances may share it: it must be writable, no more.</summary>
    public static DataDirectoryLock? EnsureUsable(string directory)
    {
        EnsureWritableDirectory(directory);
        return null;
    }

    public void Dispose() => _file.Dispose();

    private static string EnsureWritableDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-test-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw Unusable(full, e);
        }
    }

    private static StartupException Unusable(string full, Exception e) => new(
        $"Verigate:DataDirectory '{full}' is not a writable directory ({e.GetType().Name}: {e.Message}). " +
        "Point Verigate:DataDirectory at a directory this user can create and write.", e);
}
