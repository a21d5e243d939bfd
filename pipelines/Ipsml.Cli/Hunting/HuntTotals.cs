namespace Ipsml.Cli.Hunting;

/// <summary>Counts over a whole read: connections scored, rows skipped (no public remote end) and bad lines, by reason and by the log's label.</summary>
internal sealed class HuntTotals
{
    public long Scored { get; private set; }

    public long HeaderLines { get; private set; }

    public long BadLines { get; private set; }

    public long SkippedRows { get; private set; }

    /// <summary>Bad lines by reason.</summary>
    public SortedDictionary<string, long> Bad { get; } = new(StringComparer.Ordinal);

    /// <summary>Skipped rows by why the remote end is local.</summary>
    public SortedDictionary<string, long> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>Skipped rows by the log's label ("" for none).</summary>
    public SortedDictionary<string, long> SkippedByLabel { get; } = new(StringComparer.Ordinal);

    /// <summary>Data lines: scored, skipped and bad.</summary>
    public long DataLines => Scored + SkippedRows + BadLines;

    public void Add(ConnectionBatch batch)
    {
        Scored += batch.Count;
        HeaderLines += batch.HeaderLines;
        foreach (var bad in batch.Bad)
        {
            BadLines++;
            Bad[bad.Reason.ToString()] = Bad.GetValueOrDefault(bad.Reason.ToString()) + 1;
        }

        foreach (var ((reason, label), count) in batch.Skipped)
        {
            SkippedRows += count;
            var why = reason.StartsWith("Local ", StringComparison.Ordinal) ? "Local" : reason;
            Skipped[why] = Skipped.GetValueOrDefault(why) + count;
            SkippedByLabel[label ?? ""] = SkippedByLabel.GetValueOrDefault(label ?? "") + count;
        }
    }

    /// <summary>"Private 29, Multicast 2".</summary>
    public static string Describe(IReadOnlyDictionary<string, long> counts) =>
        string.Join(", ", counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"));
}
