using System.Text.Json;
using DurableTask.Core.Serializing;

namespace Tailor.Cli.Hosting;

/// <summary>Serializes the client's inputs and reads outputs with System.Text.Json, as the Durable Task SDK's
/// shims inside the worker do, so both sides agree on the payload format.</summary>
internal sealed class SystemTextJsonDataConverter : DataConverter
{
    public override string? Serialize(object? value) => Serialize(value, formatted: false);

    public override string? Serialize(object? value, bool formatted) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), formatted ? s_indented : JsonSerializerOptions.Default);

    public override object? Deserialize(string? data, Type objectType) =>
        string.IsNullOrEmpty(data) ? null : JsonSerializer.Deserialize(data, objectType, JsonSerializerOptions.Web);

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
