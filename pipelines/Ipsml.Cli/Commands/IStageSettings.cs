namespace Ipsml.Cli.Commands;

/// <summary>The options a <see cref="StageCommand{TSettings}"/> reads: which run, and whether to redo a stage.</summary>
public interface IStageSettings
{
    /// <summary>Run id; null: the newest run.</summary>
    string? Run { get; }

    /// <summary>Run the stage even when an output with the same inputs exists.</summary>
    bool Force { get; }
}
