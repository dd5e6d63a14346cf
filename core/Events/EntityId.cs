using System.Buffers;

namespace Tailor.Events;

/// <summary>The one rule for user and item ids, wherever they arrive (event files, <c>POST events</c>, route and
/// body parameters): opaque strings of 1 to <see cref="MaxLength"/> characters without control characters
/// (U+0000–U+001F, U+007F–U+009F, as <see cref="char.IsControl(char)"/>).</summary>
public static class EntityId
{
    public const int MinLength = 1;
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages and the API description.</summary>
    public static string Rule { get; } = $"{MinLength} to {MaxLength} characters without control characters";

    private static readonly SearchValues<char> s_controlCharacters = SearchValues.Create(
        Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c).ToArray());

    public static bool IsValid(ReadOnlySpan<char> id) => Check(id) == EntityIdFault.None;

    public static bool IsValid(string? id) => id is not null && IsValid(id.AsSpan());

    /// <summary>What, if anything, is wrong with <paramref name="id"/>.</summary>
    public static EntityIdFault Check(ReadOnlySpan<char> id) =>
        id.IsEmpty ? EntityIdFault.Empty
        : id.Length > MaxLength ? EntityIdFault.TooLong
        : id.ContainsAny(s_controlCharacters) ? EntityIdFault.ControlCharacter
        : EntityIdFault.None;
}

/// <summary>Why an id breaks <see cref="EntityId.Rule"/>.</summary>
public enum EntityIdFault
{
    None,
    Empty,
    TooLong,
    ControlCharacter,
}
