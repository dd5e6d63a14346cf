using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Tailor.Functions.OperatorConsole;

/// <summary>
/// The operator console's static files, embedded in this assembly at build time (the <c>console/</c> folder and the
/// charting library from <c>node_modules</c>, see the project file). A request path is looked up by exact name among
/// them, so nothing outside the console can be named: <c>..</c>, backslashes and absolute paths simply find nothing.
/// </summary>
public static class ConsoleAssets
{
    /// <summary>The page a folder request (<c>console/</c>) answers with.</summary>
    public const string IndexPage = "index.html";

    private const string ResourcePrefix = "console/";

    private static readonly FrozenDictionary<string, string> s_contentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Lazy<FrozenDictionary<string, ConsoleAsset>> s_assets = new(Load);

    /// <summary>Every asset by its path under <c>console/</c> (e.g. <c>js/app.js</c>).</summary>
    public static IReadOnlyDictionary<string, ConsoleAsset> All => s_assets.Value;

    /// <summary>The asset a request path names (empty or <c>/</c>-ending: the index page), or null.</summary>
    public static ConsoleAsset? Find(string? path)
    {
        var name = string.IsNullOrEmpty(path) ? IndexPage : path.EndsWith('/') ? path + IndexPage : path;
        return s_assets.Value.GetValueOrDefault(name);
    }

    private static FrozenDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal)
                || !s_contentTypes.TryGetValue(Path.GetExtension(resource), out var contentType))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..];
            assets[name] = new ConsoleAsset(name, contentType, Read(assembly, resource));
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>One console file: its path under <c>console/</c>, content type and bytes, with a strong ETag of its content.</summary>
public sealed record ConsoleAsset(string Name, string ContentType, byte[] Content)
{
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Content))[..16] + "\"";
}
