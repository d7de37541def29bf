using System.Text.Json.Serialization;

namespace Verigate.Storage.Sql;

/// <summary>The JSON of a notice's named values (<c>outbox.notice_values</c>), generated so nothing is reflected at run time.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class NoticeValuesJson : JsonSerializerContext;
