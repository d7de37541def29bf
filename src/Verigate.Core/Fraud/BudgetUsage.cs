namespace Verigate.Core.Fraud;

/// <summary>SMS counted in one budget period ("day:2026-11-28", "month:2026-11") and their estimated cost.</summary>
public sealed record BudgetUsage(string Period, long Sends, decimal Cost);
