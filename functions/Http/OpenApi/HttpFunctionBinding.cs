using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Tailor.Functions.Http;

/// <summary>An HTTP function as its class declares it: <c>[Function]</c> name and the <c>[HttpTrigger]</c>'s
/// methods, route and auth level — the same attributes the Functions host indexes — and the method that
/// runs it (the local server of <c>tailor serve</c> invokes it).</summary>
public sealed record HttpFunctionBinding(string Name, IReadOnlyList<string> Methods, string Route, AuthorizationLevel AuthLevel, MethodInfo Method)
{
    /// <summary>Every HTTP-triggered function in this assembly, ordered by route.</summary>
    public static IReadOnlyList<HttpFunctionBinding> All { get; } = Discover();

    private static HttpFunctionBinding[] Discover() =>
        [.. from type in typeof(HttpFunctionBinding).Assembly.GetTypes()
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            let function = method.GetCustomAttribute<FunctionAttribute>()
            where function is not null
            from parameter in method.GetParameters()
            let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
            where trigger is not null
            orderby trigger.Route, function.Name
            select new HttpFunctionBinding(
                function.Name,
                [.. (trigger.Methods ?? []).Select(m => m.ToLowerInvariant())],
                trigger.Route ?? function.Name,
                trigger.AuthLevel,
                method)];
}
