namespace Ipsml.Pipelines.Dataset;

/// <summary>The <c>dataset</c> section of an experiment file.</summary>
public sealed class DatasetOptions
{
    /// <summary>
    /// The hour feature of an address no source dated per row: "uniform" (drawn uniformly from 0..23, seeded by the
    /// address, and marked "drawn" in the dataset and the report) or "unknown" (hour -1). Never the csirtg trick of
    /// repeating an address for all 24 hours, which leaks the label through the hour.
    /// </summary>
    public string MissingHour { get; set; } = "uniform";

    /// <summary>At most this many rows (distinct hours, most frequent first) per address.</summary>
    public int MaxRowsPerAddress { get; set; } = 3;

    /// <summary>Seeded sample of at most this many addresses per label; null keeps all.</summary>
    public int? MaxAddressesPerLabel { get; set; }

    public SplitOptions Split { get; set; } = new();

    public TemporalOptions Temporal { get; set; } = new();

    /// <summary>Size of the ASN vocabulary (the most frequent ASNs of the training split); the rest map to "other".</summary>
    public int MaxAsns { get; set; } = 500;

    public static readonly IReadOnlySet<string> MissingHourPolicies = new HashSet<string> { "uniform", "unknown" };
}

/// <summary>
/// Group split: every address of a network group lands in the same split (seeded hash of the group), so the same
/// /24 never appears on both sides. Test gets what train and valid leave.
/// </summary>
public sealed class SplitOptions
{
    /// <summary>"/24" (IPv4 /24, IPv6 /48).</summary>
    public string Group { get; set; } = "/24";

    public double Train { get; set; } = 0.70;

    public double Valid { get; set; } = 0.15;
}

/// <summary>
/// The temporal holdout beside the group split: malicious rows last seen before <see cref="ValidFrom"/> train, up to
/// <see cref="TestFrom"/> validate, from then on test. Benign rows, which mostly carry no dates, follow the group
/// split. Rows in a network group already used by an earlier split are purged from the later one, and undated
/// malicious rows are left out; both are counted.
/// </summary>
public sealed class TemporalOptions
{
    public bool Enabled { get; set; } = true;

    public DateTimeOffset ValidFrom { get; set; } = new(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset TestFrom { get; set; } = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
}
