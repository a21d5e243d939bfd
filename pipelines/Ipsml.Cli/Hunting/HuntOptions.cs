namespace Ipsml.Cli.Hunting;

/// <summary>How <c>ipsml score</c> ranks and prints a log: per connection or per remote address, how many, from which probability, in which format.</summary>
internal sealed record HuntOptions(bool Aggregate, int? Top, double? Threshold, string OutputFormat, int Threads, int ShowErrors);
