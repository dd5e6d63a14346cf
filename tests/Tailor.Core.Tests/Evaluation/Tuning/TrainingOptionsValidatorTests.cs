using Tailor.Evaluation.Tuning;

namespace Tailor.Tests.Evaluation.Tuning;

public class TrainingOptionsValidatorTests
{
    [Fact]
    public void Validator_names_the_setting_and_the_unknown_algorithm()
    {
        var result = new TrainingOptionsValidator().Validate(null, new TrainingOptions { Algorithms = "ease, bpr" });

        Assert.True(result.Failed);
        Assert.Contains("Tailor:Training:Algorithms", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("bpr", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_accepts_the_defaults_and_a_subset()
    {
        Assert.True(new TrainingOptionsValidator().Validate(null, new TrainingOptions()).Succeeded);
        Assert.True(new TrainingOptionsValidator().Validate(null, new TrainingOptions { Algorithms = " EASE ,sar" }).Succeeded);
        Assert.True(new TrainingOptions { Algorithms = " EASE ,sar" }.Enables("ease"));
    }
}
