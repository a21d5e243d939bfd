namespace Ipsml.Pipelines.Report;

/// <summary>
/// The winner on one slice of the test split (a feed, a country, an ASN). AUCs are NaN unless the slice holds both
/// labels; precision is NaN when nothing in it is flagged, recall when it has no malicious rows.
/// </summary>
public sealed record Slice(
    string Name,
    long Rows,
    long Malicious,
    double PrAuc,
    double RocAuc,
    long Flagged,
    double Precision,
    double Recall)
{
    public long Benign => Rows - Malicious;

    public double MaliciousShare => Rows == 0 ? double.NaN : (double)Malicious / Rows;
}
