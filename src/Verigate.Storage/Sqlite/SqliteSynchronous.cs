namespace Verigate.Storage.Sqlite;

/// <summary>
/// SQLite's durability mode in WAL. Normal: a commit survives a crash of Verigate (kill -9) but the last
/// transactions can be lost if the machine loses power. Full: every commit is flushed to disk before it returns.
/// </summary>
public enum SqliteSynchronous
{
    Normal,
    Full,
}
