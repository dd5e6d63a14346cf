using System.Text.Json.Nodes;
using Tailor.Functions.Http;
using Tailor.Serving;

namespace Tailor.Tests.Http;

public sealed class RecommendationOptionsDocumentTests
{
    [Theory]
    [InlineData("/recommendations/{userId}")]
    [InlineData("/items/{itemId}/similar")]
    public void Every_get_recommendation_route_documents_the_options_with_the_enforced_limits(string path)
    {
        var document = OpenApiDocument.Create(new ServingOptions());
        var parameters = document["paths"]![path]!["get"]!["parameters"]!.AsArray();
        JsonNode Parameter(string name) => parameters.Single(p => (string?)p!["name"] == name)!;

        Assert.Equal(RecommendationRequest.MaxWindow - 1, (int)Parameter("offset")["schema"]!["maximum"]!);
        Assert.Contains($"at most {RecommendationRequest.MaxWindow}", (string?)Parameter("offset")["description"], StringComparison.Ordinal);
        Assert.Equal(RecommendationRequest.MaxExclude, (int)Parameter("exclude")["schema"]!["maxItems"]!);
        Assert.False((bool)Parameter("exclude")["explode"]!);
        Assert.True((bool)Parameter("category")["explode"]!);
        Assert.Equal("boolean", (string?)Parameter("explain")["schema"]!["type"]);
        Assert.Equal(RecommendationRequest.MinDiversity, (float)Parameter("diversity")["schema"]!["minimum"]!);
        Assert.Equal(RecommendationRequest.MaxDiversity, (float)Parameter("diversity")["schema"]!["maximum"]!);
        Assert.Equal("boolean", (string?)Parameter("available")["schema"]!["type"]);
        Assert.True((bool)Parameter("available")["schema"]!["default"]!);
        Assert.Equal(RecommendationRequest.MaxCategories, (int)Parameter("category")["schema"]!["maxItems"]!);
        Assert.All(parameters, p => Assert.False(string.IsNullOrWhiteSpace((string?)p!["description"]), $"{p!["name"]} has no description"));
    }

    [Fact]
    public void The_session_body_documents_the_same_options()
    {
        var document = OpenApiDocument.Create(new ServingOptions());
        var session = document["components"]!["schemas"]!["SessionRequest"]!["properties"]!;

        Assert.Equal(RecommendationRequest.MaxWindow - 1, (int)session["offset"]!["maximum"]!);
        Assert.Equal(RecommendationRequest.MaxExclude, (int)session["exclude"]!["maxItems"]!);
        Assert.Equal(RecommendationRequest.MaxCategories, (int)session["category"]!["maxItems"]!);
        Assert.Equal(RecommendationRequest.MaxDiversity, (float)session["diversity"]!["maximum"]!);
        Assert.Contains("boolean", session["explain"]!["type"]!.AsArray().Select(t => (string?)t));
        Assert.Contains("boolean", session["available"]!["type"]!.AsArray().Select(t => (string?)t));
        Assert.True((bool)session["available"]!["default"]!);
    }
}
