using Tailor.Cli.Hosting;

namespace Tailor.Cli.Tests.Commands;

/// <summary><c>tailor evaluate</c> and <c>tailor bench</c> read <c>Tailor__Training__…</c> as their help says.</summary>
public sealed class EvaluateSettingsTests
{
    [Fact]
    public void Training_settings_come_from_the_environment_and_the_budget_option_overrides_them()
    {
        // Process-wide, so the variable is checked and restored here and nowhere else reads it in parallel.
        const string name = "Tailor__Training__BudgetSeconds";
        var before = Environment.GetEnvironmentVariable(name);
        try
        {
            Environment.SetEnvironmentVariable(name, "7.5");
            Assert.Equal(7.5, CliTrainingOptions.FromEnvironment(budgetSeconds: null).BudgetSeconds);
            Assert.Equal(2, CliTrainingOptions.FromEnvironment(budgetSeconds: 2).BudgetSeconds);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, before);
        }
    }
}
