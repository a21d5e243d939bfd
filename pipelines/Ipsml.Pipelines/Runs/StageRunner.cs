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
/// and never touches the previous good outputs. An interrupted stage deletes its temporary folder on the way out;
/// one killed outright (a second Ctrl+C, a crash) leaves it behind, so every run of a stage first removes that
/// stage's temporary folders (<c>.tmp-*</c>, and <c>KEY.old-*</c> from an interrupted forced swap) last written more
/// than <see cref="StaleAfter"/> ago: old enough that no live run of the same stage is still writing them.
/// </summary>
/// <param name="clock">The time the sweep compares folder ages with (tests give a fixed one); default the system clock.</param>
public sealed class StageRunner(RunLayout layout, TimeProvider? clock = null)
{
    /// <summary>Age after which a stage's leftover temporary folder is removed.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(1);

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
        SweepStale(Path.GetDirectoryName(final)!);
        var record = Path.Combine(final, "stage.json");
        if (!force && File.Exists(record))
        {
            return new StageOutcome(stage, key, final, Reused: true, Seconds: 0);
        }

        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".tmp-{key}-{Guid.NewGuid():N}");
        var watch = Stopwatch.StartNew();
        try
        {
            Directory.CreateDirectory(temp);
            body(temp);
            watch.Stop();
            WriteRecord(temp, stage, key, inputs, watch.Elapsed.TotalSeconds);
            Replace(final, temp);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        return new StageOutcome(stage, key, final, Reused: false, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Removes the stage's temporary folders older than <see cref="StaleAfter"/>; returns how many.</summary>
    public int SweepStale(string stageDir)
    {
        if (!Directory.Exists(stageDir))
        {
            return 0;
        }

        var now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        var removed = 0;
        foreach (var dir in Directory.EnumerateDirectories(stageDir))
        {
            var name = Path.GetFileName(dir);
            if ((name.StartsWith(".tmp-", StringComparison.Ordinal) || name.Contains(".old-", StringComparison.Ordinal))
                && now - Directory.GetLastWriteTimeUtc(dir) > StaleAfter)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Someone else's, or being removed by another run: leave it for the next sweep.
                }
            }
        }

        return removed;
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
