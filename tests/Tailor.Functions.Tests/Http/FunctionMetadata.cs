using System.Text.Json;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>The <c>functions.metadata</c> the Functions SDK generates at build time: what the host will index.</summary>
internal sealed record FunctionMetadata(string Name, string EntryPoint, string? Route, string? AuthLevel, IReadOnlyList<string> Methods)
{
    /// <summary>The trigger binding: type (<c>blobTrigger</c>, <c>orchestrationTrigger</c>, …), path, source and connection.</summary>
    public TriggerBinding? Trigger { get; init; }
    public static IReadOnlyList<FunctionMetadata> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        if (!File.Exists(path))
        {
            path = Path.Combine(RepositoryRoot.Find(), "functions", "bin", "Debug", "net10.0", "functions.metadata");
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var functions = new List<FunctionMetadata>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            string? route = null, authLevel = null;
            TriggerBinding? trigger = null;
            var methods = new List<string>();
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                var type = binding.GetProperty("type").GetString()!;
                if (type.EndsWith("Trigger", StringComparison.Ordinal))
                {
                    trigger = new TriggerBinding(type, Text(binding, "path"), Text(binding, "source"), Text(binding, "connection"))
                    {
                        Schedule = Text(binding, "schedule"),
                    };
                }

                if (type == "httpTrigger")
                {
                    route = binding.GetProperty("route").GetString();
                    authLevel = binding.GetProperty("authLevel").GetString();
                    methods.AddRange(binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
                }
            }

            functions.Add(new FunctionMetadata(function.GetProperty("name").GetString()!, function.GetProperty("entryPoint").GetString()!, route, authLevel, methods)
            {
                Trigger = trigger,
            });
        }

        return functions;
    }

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) ? value.GetString() : null;
}

internal sealed record TriggerBinding(string Type, string? Path, string? Source, string? Connection)
{
    /// <summary>A timer trigger's schedule (an NCRONTAB expression or a <c>%setting%</c>).</summary>
    public string? Schedule { get; init; }
}
