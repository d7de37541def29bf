namespace Verigate.Storage.Sqlite;

/// <summary>Creates files and directories only their owner can read (0600 / 0700), on systems that have modes.</summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            // One level at a time: the mode given to Directory.CreateDirectory reaches only the last directory, and
            // a missing data directory created as the parent of keys/ would otherwise be 0755.
            var full = Path.GetFullPath(path);
            var parent = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent))
            {
                CreateDirectory(parent);
            }

            Directory.CreateDirectory(full, DirectoryMode);
        }
    }

    public static void CreateEmptyFile(string path)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // created by someone else in between: fine, it is theirs to have made
        }
    }
}
