using Verigate.Bench;
using Verigate.Bench.Scenarios;

// Verigate's load driver: see docs/benchmarks.md. Exit code 0 = ran cleanly and every correctness check held.
var options = BenchOptions.Parse(args, out var error);
if (options is null)
{
    await Console.Error.WriteLineAsync(error);
    await Console.Error.WriteLineAsync(BenchOptions.Usage);
    return 64;
}

IScenario scenario = options.Scenario switch
{
    "hello" => new HelloScenario(),
    "cycle" => new CycleScenario(options),
    _ => new WrongGuessScenario(options),
};

// Enough pool threads from the start: a closed loop of many connections should not wait on thread injection.
ThreadPool.GetMinThreads(out var workers, out var io);
ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 2), io);

var result = await LoadRunner.RunAsync(options, scenario);
result.Print(Console.Out);
return result.Correct && result.Total.Errors == 0 ? 0 : 1;
