using Verigate.Core;
using Verigate.Core.Challenges;

namespace Verigate.Server.Secrets;

/// <summary>
/// The code-hash key comes from <c>Codes:HashKey</c> (base64, for several instances sharing one key) or from
/// <c>{DataDirectory}/code-hash.key</c>, generated on first start with owner-only permissions. It is never
/// stored in the database: a copy of the database alone cannot be used to brute-force codes.
/// </summary>
public static class CodeHashKeyLoader
{
    public const string FileName = "code-hash.key";

    public static CodeHashKey Load(CodePolicyOptions codes, VerigateOptions verigate)
    {
        if (!string.IsNullOrWhiteSpace(codes.HashKey))
        {
            return FromBase64(codes.HashKey, "Codes:HashKey");
        }

        var path = Path.Combine(verigate.DataDirectory, FileName);
        if (File.Exists(path))
        {
            return FromBase64(File.ReadAllText(path).Trim(), path);
        }

        if (!Directory.Exists(verigate.DataDirectory))
        {
            Verigate.Storage.Sqlite.OwnerOnly.CreateDirectory(verigate.DataDirectory); // 0700: keys, database and inbox live here
        }
        var key = CodeHashKey.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
        {
            writer.Write(Convert.ToBase64String(key.Bytes));
        }

        return key;
    }

    private static CodeHashKey FromBase64(string base64, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The code hash key in {source} is not valid base64.");
        }

        return bytes.Length >= CodeHashKey.MinimumBytes
            ? new CodeHashKey(bytes)
            : throw new InvalidOperationException($"The code hash key in {source} must have at least {CodeHashKey.MinimumBytes} bytes (it has {bytes.Length}).");
    }
}
