using System.CommandLine;

namespace Tailor.Cli.Commands;

/// <summary>Options several commands share.</summary>
public static class CommonOptions
{
    public static Option<string?> Connection() => new("--connection")
    {
        Description = "Storage connection string (default: Tailor__Storage__ConnectionString, then the repository's Azurite, then UseDevelopmentStorage=true)",
    };
}
