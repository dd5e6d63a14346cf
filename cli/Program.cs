using System.CommandLine;
using Tailor.Cli.Commands;

var root = new RootCommand("tailor — personalized recommendations from user-behaviour events")
{
    GenerateCommand.Create(),
    UploadCommand.Create(),
    IngestCommand.Create(),
    TrainCommand.Create(),
    RecommendCommand.Create(),
    EvaluateCommand.Create(),
    BenchCommand.Create(),
    DemoCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
