namespace Tailor.Tests.Arm;

/// <summary>A value known only at deployment time (a <c>reference()</c>, <c>listKeys()</c>, <c>uniqueString()</c>...),
/// kept as the canonical text of the expression that produces it so tests can compare where it comes from.</summary>
public sealed record Opaque(string Text)
{
    public override string ToString() => Text;
}
