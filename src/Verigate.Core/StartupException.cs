namespace Verigate.Core;

/// <summary>A start-up refusal whose message is already the one line an operator needs: the setting and what to do.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
