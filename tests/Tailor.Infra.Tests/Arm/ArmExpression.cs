namespace Tailor.Tests.Arm;

/// <summary>A parsed ARM template language expression (the text between <c>[</c> and <c>]</c>).</summary>
public abstract record ArmExpression;

/// <summary>A string or integer literal.</summary>
public sealed record ArmLiteral(object Value) : ArmExpression;

/// <summary>A function call such as <c>format('{0}', parameters('x'))</c>.</summary>
public sealed record ArmCall(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression;

/// <summary>A property access such as <c>reference(...).principalId</c>.</summary>
public sealed record ArmProperty(ArmExpression Target, string Name) : ArmExpression;

/// <summary>An indexer such as <c>variables('roles')[copyIndex()]</c>.</summary>
public sealed record ArmIndex(ArmExpression Target, ArmExpression Index) : ArmExpression;
