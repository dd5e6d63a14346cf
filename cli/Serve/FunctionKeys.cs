using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Tailor.Cli.Serve;

/// <summary>The keys of one local server and the Functions host's rule for them: Anonymous routes need none,
/// Function-level routes the function key or the admin key, Admin-level routes the admin key; a key is sent in
/// the <c>x-functions-key</c> header or the <c>code</c> query parameter.</summary>
public sealed class FunctionKeys
{
    public const string HeaderName = "x-functions-key";
    public const string QueryName = "code";

    public FunctionKeys(IOptions<ServeOptions> options)
    {
        var value = options.Value;
        FunctionKeyGenerated = value.FunctionKey is null;
        AdminKeyGenerated = value.AdminKey is null;
        FunctionKey = value.FunctionKey ?? NewKey();
        AdminKey = value.AdminKey ?? NewKey();
    }

    public string FunctionKey { get; }

    public string AdminKey { get; }

    public bool FunctionKeyGenerated { get; }

    public bool AdminKeyGenerated { get; }

    public bool Allows(AuthorizationLevel level, HttpRequest request)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        var presented = request.Headers.TryGetValue(HeaderName, out var header) ? header.ToString()
            : request.Query.TryGetValue(QueryName, out var code) ? code.ToString()
            : null;
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return Matches(presented, AdminKey) || (level == AuthorizationLevel.Function && Matches(presented, FunctionKey));
    }

    private static bool Matches(string presented, string key) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));

    /// <summary>32 random bytes, URL-safe Base64 (usable in a <c>code</c> query without escaping).</summary>
    private static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
