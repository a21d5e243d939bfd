namespace Ipsml.Cli.Infrastructure;

/// <summary>The five standard verbosity levels.</summary>
public enum Verbosity
{
    Quiet,
    Minimal,
    Normal,
    Detailed,
    Diagnostic,
}
