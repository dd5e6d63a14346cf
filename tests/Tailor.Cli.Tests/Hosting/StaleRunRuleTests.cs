using DurableTask.Core;
using Tailor.Cli.Hosting;

namespace Tailor.Cli.Tests.Hosting;

public sealed class StaleRunRuleTests
{
    private static readonly DateTime s_now = new(2025, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(OrchestrationStatus.Completed)]
    [InlineData(OrchestrationStatus.Failed)]
    [InlineData(OrchestrationStatus.Terminated)]
    public void A_finished_instance_gets_a_new_run(OrchestrationStatus status) =>
        Assert.Equal(RunDecision.Start, StaleRunRule.Decide(State(status, s_now.AddMinutes(-1)), s_now, TimeSpan.FromMinutes(30)));

    [Fact]
    public void No_instance_gets_a_new_run() =>
        Assert.Equal(RunDecision.Start, StaleRunRule.Decide(null, s_now, TimeSpan.FromMinutes(30)));

    [Theory]
    [InlineData(OrchestrationStatus.Running)]
    [InlineData(OrchestrationStatus.Pending)]
    public void An_active_instance_with_a_recent_step_is_resumed(OrchestrationStatus status) =>
        Assert.Equal(RunDecision.Resume, StaleRunRule.Decide(State(status, s_now.AddMinutes(-29)), s_now, TimeSpan.FromMinutes(30)));

    [Fact]
    public void An_active_instance_without_a_step_for_longer_than_the_limit_is_restarted() =>
        Assert.Equal(RunDecision.Restart, StaleRunRule.Decide(State(OrchestrationStatus.Running, s_now.AddMinutes(-31)), s_now, TimeSpan.FromMinutes(30)));

    private static OrchestrationState State(OrchestrationStatus status, DateTime lastUpdated) =>
        new() { OrchestrationStatus = status, LastUpdatedTime = lastUpdated };
}
