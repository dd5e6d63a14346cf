using Tailor.Testing;

namespace Tailor.Cli.Tests;

/// <summary>Shares one Azurite across every test class that names this collection
/// (xunit needs the definition in the test assembly itself).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
