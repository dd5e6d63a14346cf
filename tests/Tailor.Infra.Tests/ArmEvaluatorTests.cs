using System.Text.Json.Nodes;

namespace Tailor.Tests;

public sealed class ArmEvaluatorTests
{
    private static readonly JsonObject s_template = JsonNode.Parse("""
        {
          "parameters": {
            "name": { "type": "string", "defaultValue": "tailor" },
            "roles": { "type": "array", "defaultValue": [ "a", "b" ] }
          },
          "variables": {
            "token": "[toLower(uniqueString(subscription().id, parameters('name')))]",
            "settings": { "Events": "events", "Models": "models" }
          }
        }
        """)!.AsObject();

    private static object? Evaluate(string text, int? copyIndex = null) =>
        ArmEvaluator.EvaluateString(text, new ArmContext(new ArmScope(s_template, new Dictionary<string, object?>()), copyIndex));

    [Fact]
    public void Literal_strings_are_left_alone_and_double_brackets_escape()
    {
        Assert.Equal("plain", Evaluate("plain"));
        Assert.Equal("[not an expression]", Evaluate("[[not an expression]"));
    }

    [Fact]
    public void Format_over_known_values_gives_the_string()
    {
        Assert.Equal("/blobServices/default/containers/tailor/", Evaluate("[format('/blobServices/default/containers/{0}/', parameters('name'))]"));
        Assert.Equal("it's", Evaluate("[concat('it', '''s')]"));
    }

    [Fact]
    public void Copy_index_selects_the_loop_element()
    {
        Assert.Equal("b", Evaluate("[parameters('roles')[copyIndex()]]", copyIndex: 1));
    }

    [Fact]
    public void Deployment_time_values_stay_opaque_with_their_expression()
    {
        var value = Evaluate("[format('st{0}', variables('token'))]");

        Assert.Equal(new Opaque("format('st{0}', toLower(uniqueString(subscription().id, 'tailor')))"), value);
    }

    [Fact]
    public void Map_over_items_builds_objects_from_a_lambda()
    {
        var value = Evaluate("[map(items(variables('settings')), lambda('item', createObject('name', format('Tailor__Storage__{0}', lambdaVariables('item').key), 'value', lambdaVariables('item').value)))]");

        var settings = Assert.IsAssignableFrom<IReadOnlyList<object?>>(value).Cast<IReadOnlyDictionary<string, object?>>().ToList();
        Assert.Equal(["Tailor__Storage__Events", "Tailor__Storage__Models"], settings.Select(s => s["name"]));
        Assert.Equal(["events", "models"], settings.Select(s => s["value"]));
    }

    [Fact]
    public void If_and_empty_choose_a_branch()
    {
        Assert.Equal(0L, Evaluate("[length(if(empty(''), createArray(), parameters('roles')))]"));
        Assert.Equal(2L, Evaluate("[length(if(empty('x'), createArray(), parameters('roles')))]"));
    }
}
