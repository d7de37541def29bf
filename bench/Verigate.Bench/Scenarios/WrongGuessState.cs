namespace Verigate.Bench.Scenarios;

/// <summary>A connection's current verification in the wrong-guess scenario and how many checks it has had.</summary>
internal sealed class WrongGuessState
{
    public Uri? CheckUri { get; set; }

    public int ChecksDone { get; set; }
}
