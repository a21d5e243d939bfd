using System.Globalization;
using Ipsml.Pipelines.Dataset;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Reads an evaluate stage's <c>predictions-CANDIDATE.csv</c> (ip,hour,label,probability, in test-row order) and
/// joins it with the test split rows it was scored on. A file that does not line up with the split is refused,
/// naming the file, the line and what differs.
/// </summary>
public static class TestPredictions
{
    public const string Header = "ip,hour,label,probability";

    /// <summary>Labels and probabilities only (for curves), checked for shape.</summary>
    public static (bool[] Labels, float[] Scores) ReadScores(string path)
    {
        var labels = new List<bool>();
        var scores = new List<float>();
        foreach (var (lineNo, cells) in Lines(path))
        {
            labels.Add(ParseLabel(path, lineNo, cells[2]));
            scores.Add(ParseProbability(path, lineNo, cells[3]));
        }

        return ([.. labels], [.. scores]);
    }

    /// <summary>Joins predictions with the test split: same count, same address, hour and label on every line.</summary>
    public static IReadOnlyList<ScoredRow> Join(string predictionsPath, IReadOnlyList<DatasetRow> testRows)
    {
        var joined = new List<ScoredRow>(testRows.Count);
        foreach (var (lineNo, cells) in Lines(predictionsPath))
        {
            var i = lineNo - 2;
            if (i >= testRows.Count)
            {
                throw new InvalidDataException($"{predictionsPath}: line {lineNo}: more predictions than the {testRows.Count} test rows");
            }

            var row = testRows[i];
            var hour = row.Features.Hour?.ToString(CultureInfo.InvariantCulture) ?? "";
            if (cells[0] != row.Features.Address.ToString() || cells[1] != hour || ParseLabel(predictionsPath, lineNo, cells[2]) != row.Malicious)
            {
                throw new InvalidDataException($"{predictionsPath}: line {lineNo}: '{cells[0]},{cells[1]},{cells[2]}' does not match test row {i + 1} ({row.Features.Address},{hour},{(row.Malicious ? 1 : 0)})");
            }

            joined.Add(new ScoredRow(row, ParseProbability(predictionsPath, lineNo, cells[3])));
        }

        if (joined.Count != testRows.Count)
        {
            throw new InvalidDataException($"{predictionsPath}: {joined.Count} predictions for {testRows.Count} test rows");
        }

        return joined;
    }

    private static IEnumerable<(int LineNo, string[] Cells)> Lines(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path}: missing; run 'ipsml evaluate' again");
        }

        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1)
            {
                if (line != Header)
                {
                    throw new InvalidDataException($"{path}: line 1: header is not '{Header}'");
                }

                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != 4)
            {
                throw new InvalidDataException($"{path}: line {lineNo}: expected 4 columns ({Header}), found {cells.Length}");
            }

            yield return (lineNo, cells);
        }
    }

    private static bool ParseLabel(string path, int lineNo, string cell) => cell switch
    {
        "1" => true,
        "0" => false,
        _ => throw new InvalidDataException($"{path}: line {lineNo}: label '{cell}' is not 0 or 1"),
    };

    private static float ParseProbability(string path, int lineNo, string cell) =>
        float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && !float.IsNaN(p)
            ? p
            : throw new InvalidDataException($"{path}: line {lineNo}: probability '{cell}' is not a number");
}
