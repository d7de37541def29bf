namespace Verigate.Core.Fraud;

/// <summary>SMS codes sent to one prefix in a period, and how many of them were checked right (converted).</summary>
public sealed record PrefixStats(int Sent, int Converted)
{
    public double UnconvertedShare => Sent == 0 ? 0 : (Sent - Converted) / (double)Sent;
}
