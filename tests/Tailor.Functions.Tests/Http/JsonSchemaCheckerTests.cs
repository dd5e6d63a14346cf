using System.Text.Json;
using System.Text.Json.Nodes;
using Tailor.Testing;

namespace Tailor.Tests.Http;

public sealed class JsonSchemaCheckerTests
{
    private static readonly JsonNode s_document = JsonNode.Parse("""
        {
          "components": { "schemas": {
            "Item": { "type": "object", "properties": { "itemId": { "type": "string", "minLength": 1, "maxLength": 4 }, "score": { "type": "number", "minimum": 0 } }, "required": ["itemId", "score"] },
            "Result": { "type": "object", "properties": {
              "strategy": { "type": "string", "enum": ["popular", "personalized"] },
              "modelVersion": { "type": ["string", "null"] },
              "count": { "type": "integer", "maximum": 3 },
              "at": { "type": "string", "format": "date-time" },
              "items": { "type": "array", "maxItems": 2, "items": { "$ref": "#/components/schemas/Item" } },
              "extra": { "anyOf": [{ "$ref": "#/components/schemas/Item" }, { "type": "null" }] }
            }, "required": ["strategy", "items"] }
          } }
        }
        """)!;

    private static readonly JsonNode s_result = JsonNode.Parse("""{ "$ref": "#/components/schemas/Result" }""")!;

    private static IReadOnlyList<string> Check(string body) =>
        new JsonSchemaChecker(s_document).Check(s_result, JsonDocument.Parse(body).RootElement);

    [Fact]
    public void A_body_that_matches_has_no_errors()
    {
        Assert.Empty(Check("""{ "strategy": "popular", "modelVersion": null, "count": 3, "at": "2026-11-29T04:15:00+00:00", "items": [{ "itemId": "i1", "score": 0.5 }], "extra": null }"""));
    }

    [Theory]
    [InlineData("""{ "items": [] }""", "required property 'strategy'")]
    [InlineData("""{ "strategy": "fresh", "items": [] }""", "is not one of")]
    [InlineData("""{ "strategy": "popular", "items": {} }""", "is not of type array")]
    [InlineData("""{ "strategy": "popular", "modelVersion": 5, "items": [] }""", "$.modelVersion")]
    [InlineData("""{ "strategy": "popular", "count": 2.5, "items": [] }""", "not of type integer")]
    [InlineData("""{ "strategy": "popular", "count": 4, "items": [] }""", "breaks maximum 3")]
    [InlineData("""{ "strategy": "popular", "at": "yesterday", "items": [] }""", "is not a date-time")]
    [InlineData("""{ "strategy": "popular", "items": [{ "itemId": "i1" }] }""", "$.items[0]: required property 'score'")]
    [InlineData("""{ "strategy": "popular", "items": [{ "itemId": "toolong", "score": 1 }] }""", "$.items[0].itemId: length 7 breaks maxLength 4")]
    [InlineData("""{ "strategy": "popular", "items": [{ "itemId": "i1", "score": -1 }] }""", "breaks minimum 0")]
    [InlineData("""{ "strategy": "popular", "items": [{ "itemId": "a", "score": 1 }, { "itemId": "b", "score": 1 }, { "itemId": "c", "score": 1 }] }""", "breaks maxItems 2")]
    [InlineData("""{ "strategy": "popular", "items": [], "extra": { "itemId": "" } }""", "matches none of anyOf")]
    public void A_wrong_body_is_reported_with_its_path(string body, string expected)
    {
        var errors = Check(body);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "type": "object", "patternProperties": {} }""")]
    [InlineData("""{ "type": "string", "format": "email" }""")]
    [InlineData("""{ "$ref": "#/components/schemas/Missing" }""")]
    [InlineData("""{ "type": "string", "nullable": true }""")]
    public void A_keyword_it_does_not_understand_fails_loudly(string schema)
    {
        var checker = new JsonSchemaChecker(s_document);

        Assert.Throws<NotSupportedException>(() => checker.Check(JsonNode.Parse(schema), JsonDocument.Parse("\"x\"").RootElement));
    }

    [Fact]
    public void A_wrong_recommendation_body_fails_against_the_served_document()
    {
        var schema = ApiContract.SchemaOf("GetRecommendations", 200, "application/json; charset=utf-8");
        var checker = new JsonSchemaChecker(ApiContract.Document);

        var right = checker.Check(schema, JsonDocument.Parse("""{ "modelVersion": "v1", "strategy": "popular", "items": [{ "itemId": "i1", "score": 1.5 }], "recommendationId": "r1", "variant": "champion" }""").RootElement);
        var wrong = checker.Check(schema, JsonDocument.Parse("""{ "modelVersion": "v1", "strategy": "guessed", "items": [{ "itemId": 7 }] }""").RootElement);

        Assert.Empty(right);
        Assert.Contains(wrong, e => e.Contains("$.strategy", StringComparison.Ordinal));
        Assert.Contains(wrong, e => e.Contains("$.items[0].itemId", StringComparison.Ordinal));
        Assert.Contains(wrong, e => e.Contains("required property 'score'", StringComparison.Ordinal));
    }

    [Fact]
    public void An_undocumented_status_fails_the_contract()
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => ApiContract.SchemaOf("ListModels", 404, "application/problem+json"));
    }
}
