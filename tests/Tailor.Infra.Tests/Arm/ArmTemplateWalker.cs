using System.Text.Json.Nodes;

namespace Tailor.Tests.Arm;

/// <summary>Flattens a compiled template: nested deployments (Bicep modules) are walked recursively with the
/// parameter values their parent passes, copy loops are expanded, conditions are evaluated.</summary>
public static class ArmTemplateWalker
{
    public static IReadOnlyList<DeployedResource> Flatten(JsonObject template, IReadOnlyDictionary<string, object?> parameters)
    {
        var resources = new List<DeployedResource>();
        Walk(new ArmScope(template, parameters), "", deployed: true, resources);
        return resources;
    }

    /// <summary>The root template and every nested deployment's template, unevaluated, with their paths.</summary>
    public static IEnumerable<(string Path, JsonObject Template)> Templates(JsonObject template, string path = "")
    {
        yield return (path, template);
        foreach (var resource in Resources(template).Where(IsDeployment))
        {
            var name = resource["name"]!.GetValue<string>();
            foreach (var nested in Templates((JsonObject)resource["properties"]!["template"]!, $"{path}/{name}"))
            {
                yield return nested;
            }
        }
    }

    private static void Walk(ArmScope scope, string path, bool deployed, List<DeployedResource> into)
    {
        foreach (var resource in Resources(scope.Template))
        {
            if (resource["existing"]?.GetValue<bool>() == true)
            {
                continue;
            }

            var copy = resource["copy"] as JsonObject;
            var count = copy is null ? 1 : (long)(ArmEvaluator.EvaluateNode(copy["count"], new ArmContext(scope))
                ?? throw new InvalidOperationException("Copy count is null."));
            for (var i = 0; i < count; i++)
            {
                var context = new ArmContext(scope, copy is null ? null : i);
                var condition = resource["condition"] is { } node ? ArmEvaluator.EvaluateNode(node, context) : true;
                var isDeployed = deployed && condition is not false;
                if (IsDeployment(resource))
                {
                    var name = ArmEvaluator.EvaluateNode(resource["name"], context);
                    var properties = (JsonObject)resource["properties"]!;
                    var values = (properties["parameters"] as JsonObject ?? [])
                        .ToDictionary(p => p.Key, p => ArmEvaluator.EvaluateNode(p.Value!["value"], context), StringComparer.OrdinalIgnoreCase);
                    Walk(new ArmScope((JsonObject)properties["template"]!, values), $"{path}/{name}", isDeployed, into);
                }
                else
                {
                    var body = resource.Where(p => p.Key is not ("copy" or "condition" or "dependsOn"))
                        .ToDictionary(p => p.Key, p => ArmEvaluator.EvaluateNode(p.Value, context), StringComparer.OrdinalIgnoreCase);
                    into.Add(new DeployedResource(resource["type"]!.GetValue<string>(), path, body, isDeployed));
                }
            }
        }
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject symbolic => symbolic.Select(p => p.Value).OfType<JsonObject>(),
        _ => [],
    };

    private static bool IsDeployment(JsonObject resource) =>
        string.Equals(resource["type"]?.GetValue<string>(), "Microsoft.Resources/deployments", StringComparison.OrdinalIgnoreCase);
}
