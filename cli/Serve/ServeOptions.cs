using System.ComponentModel.DataAnnotations;

namespace Tailor.Cli.Serve;

/// <summary>Settings of <c>tailor serve</c> (<c>Tailor:Serve</c>): the keys its Function- and Admin-level routes
/// accept (a key left unset is generated at start and printed, like Core Tools' local keys) and how often its
/// erasure timer runs.</summary>
public sealed record ServeOptions : IValidatableObject
{
    public const string Section = "Tailor:Serve";

    /// <summary>The shortest key accepted from settings: a short key is guessable.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Accepted by Function-level routes (<c>x-functions-key</c> header or <c>code</c> query).</summary>
    public string? FunctionKey { get; init; }

    /// <summary>Accepted by every route that needs a key, and the only key Admin-level routes accept.</summary>
    public string? AdminKey { get; init; }

    /// <summary>Seconds between erasure passes (the Functions app's timer runs every 300).</summary>
    [Range(1, 86_400)]
    public int ErasureSeconds { get; init; } = 300;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, key) in new[] { (nameof(FunctionKey), FunctionKey), (nameof(AdminKey), AdminKey) })
        {
            if (key is not null && (key.Length < MinimumKeyLength || key.Any(char.IsWhiteSpace)))
            {
                yield return new ValidationResult(
                    $"{Section}:{name} must be at least {MinimumKeyLength} characters without white space (or unset, to generate one).", [name]);
            }
        }

        if (FunctionKey is not null && FunctionKey == AdminKey)
        {
            yield return new ValidationResult($"{Section}:FunctionKey and {Section}:AdminKey must differ.", [nameof(FunctionKey), nameof(AdminKey)]);
        }
    }
}
