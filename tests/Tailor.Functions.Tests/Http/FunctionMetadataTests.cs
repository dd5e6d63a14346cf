namespace Tailor.Tests.Http;

public sealed class FunctionMetadataTests
{
    [Theory]
    [InlineData("GetRecommendations", "recommendations/{userId}", "get", "Function", "Tailor.Functions.Http.RecommendationFunctions.GetForUser")]
    [InlineData("RecommendForSession", "recommendations", "post", "Function", "Tailor.Functions.Http.RecommendationFunctions.ForSession")]
    [InlineData("GetSimilarItems", "items/{itemId}/similar", "get", "Function", "Tailor.Functions.Http.RecommendationFunctions.SimilarItems")]
    [InlineData("GetCurrentModel", "models/current", "get", "Function", "Tailor.Functions.Http.ModelFunctions.Current")]
    [InlineData("ListModels", "models", "get", "Function", "Tailor.Functions.Http.ModelFunctions.List")]
    [InlineData("PromoteModel", "models/{version}/promote", "post", "Admin", "Tailor.Functions.Http.ModelFunctions.Promote")]
    [InlineData("GetUserProfile", "users/{userId}/profile", "get", "Function", "Tailor.Functions.Profiles.ProfileFunctions.Get")]
    [InlineData("ListSegments", "segments", "get", "Function", "Tailor.Functions.Segments.SegmentFunctions.List")]
    [InlineData("GetSegment", "segments/{segmentId}", "get", "Function", "Tailor.Functions.Segments.SegmentFunctions.Get")]
    [InlineData("ForgetUser", "users/{userId}", "delete", "Admin", "Tailor.Functions.Profiles.ProfileFunctions.Forget")]
    [InlineData("StartTraining", "training", "post", "Admin", "Tailor.Functions.Pipeline.TrainingHttpFunctions.Start")]
    [InlineData("GetTraining", "training/{id}", "get", "Function", "Tailor.Functions.Pipeline.TrainingHttpFunctions.Get")]
    [InlineData("ListBatches", "batches", "get", "Function", "Tailor.Functions.Http.BatchFunctions.List")]
    [InlineData("RetryBatch", "batches/{batchId}/retry", "post", "Admin", "Tailor.Functions.Http.BatchFunctions.Retry")]
    [InlineData("PostEvents", "events", "post", "Function", "Tailor.Functions.Http.EventFunctions.Post")]
    [InlineData("Health", "health", "get", "Anonymous", "Tailor.Functions.Http.HealthFunction.Run")]
    [InlineData("OpenApi", "openapi.json", "get", "Anonymous", "Tailor.Functions.Http.OpenApiFunction.Run")]
    public void Build_output_lists_the_http_function_with_route_method_and_auth_level(string name, string route, string method, string authLevel, string entryPoint)
    {
        var function = Assert.Single(FunctionMetadata.Load(), f => f.Name == name);

        Assert.Equal(route, function.Route);
        Assert.Equal([method], function.Methods);
        Assert.Equal(authLevel, function.AuthLevel);
        Assert.Equal(entryPoint, function.EntryPoint);
    }

    [Fact]
    public void No_two_http_functions_share_a_method_and_route()
    {
        var pairs = FunctionMetadata.Load()
            .Where(f => f.Route is not null)
            .SelectMany(f => f.Methods.Select(m => $"{m} {f.Route}"))
            .ToList();

        Assert.Equal(pairs.Count, pairs.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
