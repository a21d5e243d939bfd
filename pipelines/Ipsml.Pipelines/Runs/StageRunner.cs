using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;

namespace Ipsml.Pipelines.Runs;

/// <summary>
/// Runs one stage into its content-addressed folder <c>stages/STAGE/KEY</c>. The key hashes the stage name, the
/// code version and the stage's declared inputs (upstream keys, its experiment section, seed, input hashes).
/// A complete folder with the same key is reused unless forced; otherwise the stage writes into a temporary
/// folder that is renamed into place only when the stage finished, so a crash never leaves half-written outputs
/// and never touches the previous good outputs.
/// </summary>
public sealed class StageRunner(RunLayout layout)
{
    public static string Key(string stage, JsonObject inputs)
    {
        var canonical = new JsonObject
        {
            ["stage"] = stage,
            ["code"] = CodeVersion.Current,
            ["inputs"] = inputs.DeepClone(),
        };
        return Hashing.Sha256(canonical.ToJsonString())[..20];
    }

    /// <param name="body">Writes the stage's outputs into the given (empty, temporary) folder.</param>
    public StageOutcome Run(string stage, JsonObject inputs, bool force, Action<string> body)
    {
        var key = Key(stage, inputs);
        var final = layout.StageDir(stage, key);
        var record = Path.Combine(final, "stage.json");
        if (!force && File.Exists(record))
        {
            return new StageOutcome(stage, key, final, Reused: true, Seconds: 0);
        }

        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".tmp-{key}-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(temp);
            body(temp);
            clock.Stop();
            WriteRecord(temp, stage, key, inputs, clock.Elapsed.TotalSeconds);
            Replace(final, temp);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return new StageOutcome(stage, key, final, Reused: false, clock.Elapsed.TotalSeconds);
    }

    private static void WriteRecord(string dir, string stage, string key, JsonObject inputs, double seconds)
    {
        var outputs = new JsonObject();
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            outputs[file] = Hashing.Sha256File(Path.Combine(dir, file));
        }

        var record = new JsonObject
        {
            ["stage"] = stage,
            ["key"] = key,
            ["code"] = CodeVersion.Current,
            ["inputs"] = inputs.DeepClone(),
            ["outputs"] = outputs,
            ["seconds"] = Math.Round(seconds, 3),
            ["finished"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        File.WriteAllText(Path.Combine(dir, "stage.json"), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void Replace(string final, string temp)
    {
        if (!Directory.Exists(final))
        {
            Directory.Move(temp, final);
            return;
        }

        // Forced re-run: swap the old folder out, the new one in, then delete the old.
        var old = final + $".old-{Guid.NewGuid():N}";
        Directory.Move(final, old);
        Directory.Move(temp, final);
        Directory.Delete(old, recursive: true);
    }
}

/// <summary>What happened to a stage: its key and folder, and whether the folder was reused.</summary>
public sealed record StageOutcome(string Stage, string Key, string Dir, bool Reused, double Seconds);
