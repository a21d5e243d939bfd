namespace Ipsml.Cli.Infrastructure;

/// <summary>Exit codes of every ipsml command (listed in the README).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command failed: bad input file, failed stage, refused artifact.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage: unknown command or option, invalid option value.</summary>
    public const int Usage = 2;

    /// <summary>Done, but some input lines were rejected (each reported on stderr, counted at the end).</summary>
    public const int SomeLinesRejected = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
