using System.Diagnostics;
using System.Security.Cryptography;
using Ipsml.Features;
using Ipsml.Onnx;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Tests.Gate;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Tests.Publish;

/// <summary>What publish writes besides the model: the ONNX export, its manifest entry, checksums and the model card.</summary>
[Collection(ChampionRunsCollection.Name)]
public sealed class PublishedArtifactTests(ChampionRuns runs)
{
    /// <summary>1.0.2: the normal forest of run n1.</summary>
    private string Dir => runs.Layout.ModelVersionDir(ChampionRuns.Model, "1.0.2");

    [Fact]
    public void Manifest_lists_the_onnx_file_with_the_model_columns_as_inputs_and_the_probability_output()
    {
        var manifest = runs.Manifest("1.0.2");
        var onnx = manifest.Onnx!;

        Assert.Equal("model/model.onnx", onnx.File);
        Assert.True(File.Exists(Path.Combine(Dir, "model", "model.onnx")));
        Assert.Equal(manifest.Features.Columns.Order(), onnx.Inputs.Select(i => i.Name).Order());
        Assert.All(onnx.Inputs, i => Assert.Equal("float32 [-1, 1]", $"{i.Type} [{string.Join(", ", i.Shape)}]"));
        Assert.Equal("Probability.output", onnx.Output.Name);
        Assert.InRange(onnx.Opset, 9, 12);
        Assert.Equal("ML.NET OnnxConverter", onnx.Producer);
        Assert.StartsWith("onnxruntime 1.", onnx.Verification.Runtime);
        Assert.InRange(onnx.Verification.MaxAbsDifference, 0, 1e-4);
    }

    [Fact]
    public void Onnx_export_scores_the_runs_test_rows_like_the_native_model()
    {
        using var artifact = ModelArtifact.Load(Dir);
        var encoder = new FeatureEncoder(artifact.Vocabulary);
        var test = DatasetRow.ReadAll(runs.Layout.Dataset(runs.Run("n1").Stages["dataset"].Key).Test);
        var rows = test.Select(r => encoder.Encode(r.Features)).ToList();
        using var onnx = new OnnxRuntimeScorer(Path.Combine(Dir, "model", "model.onnx"));

        var native = artifact.Model.Score(rows);
        var exported = onnx.Score(rows);

        Assert.NotEmpty(rows);
        Assert.True(native.Zip(exported).All(t => Math.Abs(t.First - t.Second) <= 1e-4), $"max difference {native.Zip(exported).Max(t => Math.Abs(t.First - t.Second))}");
        // Publish verified on the same test rows plus the two edge rows.
        Assert.Equal(rows.Count + 2, artifact.Manifest.Onnx!.Verification.Rows);
    }

    [Fact]
    public void Sha256sums_covers_the_onnx_file_and_sha256sum_checks_the_artifact_without_ipsml()
    {
        var sums = File.ReadAllLines(Path.Combine(Dir, "SHA256SUMS"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Dir, "model", "model.onnx"))));
        Assert.Contains($"{hash}  model/model.onnx", sums);

        var psi = new ProcessStartInfo("sha256sum", "-c SHA256SUMS") { WorkingDirectory = Dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, output + p.StandardError.ReadToEnd());
        Assert.Contains("model/model.onnx: OK", output);
    }

    [Fact]
    public void Mlp_winner_is_published_with_its_own_onnx_graph_that_scores_like_the_csharp_network()
    {
        Assert.All(runs.Steps["mlp"], kv => Assert.True(kv.Value.ExitCode == 0, $"mlp {kv.Key}: {kv.Value.Error}{kv.Value.Out}"));
        var dir = runs.Layout.ModelVersionDir("mlp-model", "1.0.1");
        using var artifact = ModelArtifact.Load(dir);
        var onnx = artifact.Manifest.Onnx!;
        var encoder = new FeatureEncoder(artifact.Vocabulary);
        var rows = DatasetRow.ReadAll(runs.Layout.Dataset(runs.Run("mlp").Stages["dataset"].Key).Test).Select(r => encoder.Encode(r.Features)).ToList();
        using var scorer = new OnnxRuntimeScorer(Path.Combine(dir, "model", "model.onnx"));

        Assert.Equal("mlp", artifact.Manifest.Kind);
        Assert.Equal("ipsml MLP writer", onnx.Producer);
        Assert.Equal(13, onnx.Opset);
        Assert.Equal(artifact.Manifest.Features.Columns.Order(), onnx.Inputs.Select(i => i.Name).Order());
        Assert.True(artifact.Model.Score(rows).Zip(scorer.Score(rows)).All(t => Math.Abs(t.First - t.Second) <= 1e-4));
        Assert.Contains("`model/mlp.json` + `model/mlp.bin`", File.ReadAllText(Path.Combine(dir, "MODEL_CARD.md")));
    }

    [Fact]
    public void Onnx_can_be_turned_off_in_the_experiment_and_the_card_says_so()
    {
        Assert.All(runs.Steps["plain"], kv => Assert.True(kv.Value.ExitCode == 0, $"plain {kv.Key}: {kv.Value.Error}{kv.Value.Out}"));
        var dir = runs.Layout.ModelVersionDir("plain-model", "1.0.1");
        using var artifact = ModelArtifact.Load(dir);

        Assert.Null(artifact.Manifest.Onnx);
        Assert.False(File.Exists(Path.Combine(dir, "model", "model.onnx")));
        Assert.Contains("No ONNX export was written for this version", File.ReadAllText(Path.Combine(dir, "MODEL_CARD.md")));
    }

    [Fact]
    public void Model_card_describes_the_gate_and_the_onnx_file()
    {
        var card = File.ReadAllText(Path.Combine(Dir, "MODEL_CARD.md"));

        Assert.Contains("## Champion gate", card);
        Assert.Contains("Compared with the champion fixture-model 1.0.1", card);
        Assert.Contains("- pass: metric: prAuc", card);
        Assert.Contains("## Files for other engines", card);
        Assert.Contains("`model/model.onnx`", card);
        Assert.Contains("`Probability.output`", card);
        Assert.Contains("## Intended use", card);
        Assert.Contains("## Training data", card);
        Assert.Contains("## Limits", card);
    }
}
