namespace Ipsml.Pipelines.Report;

/// <summary>
/// The winner's worst mistakes on the test split: the benign rows it scored highest (false positives at any
/// threshold low enough) and the malicious rows it scored lowest. Ties are broken by address, then hour, so the
/// lists are repeatable.
/// </summary>
public static class ErrorExamples
{
    public const int Count = 10;

    public static IReadOnlyList<ScoredRow> TopFalsePositives(IEnumerable<ScoredRow> rows, int count = Count) =>
        [.. rows.Where(r => !r.Malicious).OrderByDescending(r => r.Probability).ThenBy(Address, StringComparer.Ordinal).ThenBy(Hour).Take(count)];

    public static IReadOnlyList<ScoredRow> TopFalseNegatives(IEnumerable<ScoredRow> rows, int count = Count) =>
        [.. rows.Where(r => r.Malicious).OrderBy(r => r.Probability).ThenBy(Address, StringComparer.Ordinal).ThenBy(Hour).Take(count)];

    private static string Address(ScoredRow r) => r.Row.Features.Address.ToString();

    private static int Hour(ScoredRow r) => r.Row.Features.Hour ?? -1;
}
