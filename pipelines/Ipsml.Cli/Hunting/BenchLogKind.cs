namespace Ipsml.Cli.Hunting;

/// <summary>The two logs of the benchmark.</summary>
internal enum BenchLogKind
{
    /// <summary>Every connection to a different remote address.</summary>
    Unique,

    /// <summary>Connections to a pool of addresses with Zipf-like popularity.</summary>
    Repeated,
}
