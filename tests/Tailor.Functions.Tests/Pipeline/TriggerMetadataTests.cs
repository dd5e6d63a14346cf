using Tailor.Pipeline;
using Tailor.Pipeline.Tasks;
using Tailor.Tests.Http;

namespace Tailor.Tests.Pipeline;

public sealed class TriggerMetadataTests
{
    [Theory]
    [InlineData("IngestEvents", "EventGrid")]
    [InlineData("IngestEventsPolling", null)]
    public void Both_ingestion_functions_watch_the_events_container_on_the_host_storage(string name, string? source)
    {
        var function = Assert.Single(FunctionMetadata.Load(), f => f.Name == name);

        Assert.Equal(new TriggerBinding("blobTrigger", "events/{name}", source, "AzureWebJobsStorage"), function.Trigger);
    }

    [Theory]
    [InlineData("IngestCatalog", "EventGrid")]
    [InlineData("IngestCatalogPolling", null)]
    public void Both_catalog_ingestion_functions_watch_the_catalog_container_on_the_host_storage(string name, string? source)
    {
        var function = Assert.Single(FunctionMetadata.Load(), f => f.Name == name);

        Assert.Equal(new TriggerBinding("blobTrigger", "catalog/{name}", source, "AzureWebJobsStorage"), function.Trigger);
    }

    [Fact]
    public void Failed_ingestions_are_recorded_from_the_blob_triggers_poison_queue_on_the_host_storage()
    {
        var function = Assert.Single(FunctionMetadata.Load(), f => f.Name == "RecordPoisonBlob");

        Assert.Equal(("queueTrigger", "AzureWebJobsStorage"), (function.Trigger?.Type, function.Trigger?.Connection));
    }

    [Fact]
    public void The_orchestration_and_every_activity_are_indexed_with_their_durable_triggers()
    {
        var functions = FunctionMetadata.Load().ToDictionary(f => f.Name);

        Assert.Equal("orchestrationTrigger", functions[TrainingPipeline.Name].Trigger?.Type);
        foreach (var activity in PipelineTaskList.Activities)
        {
            Assert.Equal("activityTrigger", functions[activity.Name].Trigger?.Type);
        }
    }

    [Fact]
    public void The_retention_timer_reads_its_schedule_from_the_retention_setting()
    {
        var function = Assert.Single(FunctionMetadata.Load(), f => f.Name == "PruneStorage");

        Assert.Equal("timerTrigger", function.Trigger?.Type);
        Assert.Equal("%Tailor:Retention:Schedule%", function.Trigger?.Schedule);
    }

    [Fact]
    public void The_build_indexes_exactly_the_expected_functions()
    {
        string[] expected =
        [
            "IngestEvents", "IngestEventsPolling", "IngestCatalog", "IngestCatalogPolling", TrainingPipeline.Name, PipelineTaskList.Names.Snapshot, PipelineTaskList.Names.Profiles,
            PipelineTaskList.Names.Train, PipelineTaskList.Names.Segments, PipelineTaskList.Names.Evaluate, PipelineTaskList.Names.Promote, PipelineTaskList.Names.CountInputs, "StartTraining", "GetTraining", "GetUserProfile", "ForgetUser", "GetUserErasure", "ListErasures", "GetUserData", "EraseForgottenUsers", "ListSegments", "GetSegment",
            "GetRecommendations", "RecommendForSession", "GetSimilarItems", "GetCurrentModel", "ListModels", "PromoteModel", "Health", "OpenApi", "Console", "GetModelReport", "GetQuarantineSample",
            "ListBatches", "RetryBatch", "PostEvents", "GetOnlineMetrics", "RecordPoisonBlob", "RecordDeadLetteredEvents", "PruneStorage", "JudgeChallenger",
            PipelineTaskList.Names.OpenRun, PipelineTaskList.Names.CloseRun, PipelineTaskList.Names.PlanSnapshot, PipelineTaskList.Names.SnapshotShard,
            PipelineTaskList.Names.EvaluateShard,
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), FunctionMetadata.Load().Select(f => f.Name).Order(StringComparer.Ordinal));
    }
}
