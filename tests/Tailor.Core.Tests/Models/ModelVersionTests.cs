using Tailor.Models;

namespace Tailor.Tests.Models;

public sealed class ModelVersionTests
{
    [Fact]
    public void Version_is_utc_time_then_a_six_character_hash()
    {
        var version = ModelVersion.Create(new DateTimeOffset(2026, 11, 29, 5, 15, 0, TimeSpan.FromHours(1)), "snapshot-1");

        Assert.Matches("^20261129-041500-[0-9a-f]{6}$", version);
        Assert.True(ModelVersion.IsValid(version));
    }

    [Fact]
    public void Versions_sort_by_creation_time_as_plain_strings()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var versions = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            versions.Add(ModelVersion.Create(start.AddMinutes(i * 997), $"run-{50 - i}"));
        }

        var sorted = versions.Order(StringComparer.Ordinal).ToList();

        Assert.Equal(versions, sorted);
    }

    [Fact]
    public void Same_second_different_runs_get_different_versions()
    {
        var now = new DateTimeOffset(2026, 11, 29, 4, 15, 0, TimeSpan.Zero);

        Assert.NotEqual(ModelVersion.Create(now, "a"), ModelVersion.Create(now, "b"));
        Assert.Equal(ModelVersion.Create(now, "a"), ModelVersion.Create(now, "a"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../current")]
    [InlineData("a/b")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData(null)]
    public void Unsafe_names_are_not_valid_versions(string? name) => Assert.False(ModelVersion.IsValid(name));
}
