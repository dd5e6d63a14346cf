using System.Globalization;

namespace Tailor.Tests.Arm;

public static partial class ArmEvaluator
{
    private static object? Call(ArmCall call, ArmContext context)
    {
        var name = call.Name.ToLowerInvariant();
        switch (name)
        {
            case "if":
                return Evaluate(call.Arguments[0], context) switch
                {
                    true => Evaluate(call.Arguments[1], context),
                    false => Evaluate(call.Arguments[2], context),
                    var condition => OpaqueCall(call.Name, [condition, .. call.Arguments.Skip(1).Select(a => Evaluate(a, context))]),
                };
            case "map" or "filter":
                return MapOrFilter(call, context);
            case "lambdavariables":
                var variable = (string)Evaluate(call.Arguments[0], context)!;
                return context.LambdaVariables is { } variables && variables.TryGetValue(variable, out var bound)
                    ? bound
                    : throw new InvalidOperationException($"Lambda variable '{variable}' is not bound.");
            case "copyindex":
                return CopyIndex(call, context);
        }

        var args = call.Arguments.Select(a => Evaluate(a, context)).ToList();
        return name switch
        {
            "parameters" => context.Scope.Parameter((string)args[0]!),
            "variables" => context.Scope.Variable((string)args[0]!),
            "true" => true,
            "false" => false,
            "null" => null,
            "createarray" => args,
            "createobject" => CreateObject(args),
            "format" when args is ["{0}", var only] => only,
            _ when args.Any(a => a is Opaque) => OpaqueCall(call.Name, args),
            "format" => string.Format(CultureInfo.InvariantCulture, (string)args[0]!, [.. args.Skip(1).Select(FormatArgument)]),
            "concat" => Concat(args),
            "tolower" => ((string)args[0]!).ToLowerInvariant(),
            "toupper" => ((string)args[0]!).ToUpperInvariant(),
            "string" => args[0] is string s ? s : Render(args[0]),
            "padleft" => Convert.ToString(args[0], CultureInfo.InvariantCulture)!.PadLeft((int)(long)args[1]!, ((string)args[2]!)[0]),
            "length" => (long)Count(args[0]),
            "empty" => Count(args[0]) == 0,
            "equals" => Equals(args[0], args[1]),
            "not" => !(bool)args[0]!,
            "and" => args.All(a => (bool)a!),
            "or" => args.Any(a => (bool)a!),
            "range" => Enumerable.Range((int)(long)args[0]!, (int)(long)args[1]!).Select(i => (object?)(long)i).ToList(),
            "items" => ((IReadOnlyDictionary<string, object?>)args[0]!)
                .Select(p => (object?)CreateObject(["key", p.Key, "value", p.Value])).ToList(),
            "union" => Union(args),
            _ => OpaqueCall(call.Name, args),
        };
    }

    private static Opaque OpaqueCall(string name, IEnumerable<object?> args) =>
        new($"{name}({string.Join(", ", args.Select(Render))})");

    private static object? FormatArgument(object? value) => value switch
    {
        bool b => b ? "True" : "False",
        _ => value,
    };

    private static long CopyIndex(ArmCall call, ArmContext context)
    {
        var index = context.CopyIndex ?? throw new InvalidOperationException("copyIndex() outside a copy loop.");
        var offset = call.Arguments.Select(a => Evaluate(a, context)).OfType<long>().FirstOrDefault();
        return index + offset;
    }

    private static object? MapOrFilter(ArmCall call, ArmContext context)
    {
        var source = Evaluate(call.Arguments[0], context);
        if (source is Opaque)
        {
            return OpaqueCall(call.Name, [source, new Opaque("lambda(...)")]);
        }

        if (call.Arguments[1] is not ArmCall { Name: var lambdaName } lambda
            || !string.Equals(lambdaName, "lambda", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{call.Name}() expects a lambda.");
        }

        var parameter = (string)((ArmLiteral)lambda.Arguments[0]).Value;
        var body = lambda.Arguments[^1];
        var results = new List<object?>();
        foreach (var item in (IReadOnlyList<object?>)source!)
        {
            var variables = new Dictionary<string, object?>(context.LambdaVariables ?? new Dictionary<string, object?>())
            {
                [parameter] = item,
            };
            var value = Evaluate(body, context with { LambdaVariables = variables });
            if (string.Equals(call.Name, "map", StringComparison.OrdinalIgnoreCase))
            {
                results.Add(value);
            }
            else if (value is true)
            {
                results.Add(item);
            }
        }

        return results;
    }

    private static Dictionary<string, object?> CreateObject(IReadOnlyList<object?> args)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i += 2)
        {
            result[(string)args[i]!] = args[i + 1];
        }

        return result;
    }

    private static object Concat(IReadOnlyList<object?> args) =>
        args.All(a => a is IReadOnlyList<object?>)
            ? args.SelectMany(a => (IReadOnlyList<object?>)a!).ToList()
            : string.Concat(args.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture)));

    private static object Union(IReadOnlyList<object?> args)
    {
        if (args.All(a => a is IReadOnlyList<object?>))
        {
            return args.SelectMany(a => (IReadOnlyList<object?>)a!).Distinct().ToList();
        }

        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var dict in args.Cast<IReadOnlyDictionary<string, object?>>())
        {
            foreach (var (key, value) in dict)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static int Count(object? value) => value switch
    {
        null => 0,
        string s => s.Length,
        IReadOnlyList<object?> list => list.Count,
        IReadOnlyDictionary<string, object?> dict => dict.Count,
        _ => throw new InvalidOperationException($"No length for {Render(value)}."),
    };
}
