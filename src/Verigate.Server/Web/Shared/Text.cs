namespace Verigate.Server.Web.Shared;

/// <summary>The pages' texts: Text.resx (English), Text.es.resx, Text.de.resx, looked up through IStringLocalizer&lt;Text&gt;.</summary>
public sealed class Text;
