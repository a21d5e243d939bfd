namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>A clock the test sets by hand (only wall-clock reads; timers stay real).</summary>
internal sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
