using System.Text.Json;
using Tailor.Testing;

namespace Tailor.Tests.Http;

/// <summary>The <c>functions.metadata</c> the Functions SDK generates at build time: what the host will index.</summary>
internal sealed record FunctionMetadata(string Name, string EntryPoint, string? Route, string? AuthLevel, IReadOnlyList<string> Methods)
{
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
            var methods = new List<string>();
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                if (binding.GetProperty("type").GetString() == "httpTrigger")
                {
                    route = binding.GetProperty("route").GetString();
                    authLevel = binding.GetProperty("authLevel").GetString();
                    methods.AddRange(binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()));
                }
            }

            functions.Add(new FunctionMetadata(function.GetProperty("name").GetString()!, function.GetProperty("entryPoint").GetString()!, route, authLevel, methods));
        }

        return functions;
    }
}
