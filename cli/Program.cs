using Tailor.Cli;

return await TailorCli.RunAsync(args, Console.Out, Console.Error);
