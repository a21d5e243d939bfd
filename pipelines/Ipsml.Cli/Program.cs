using Ipsml.Cli;
using Ipsml.Cli.Infrastructure;

// Ctrl+C (SIGINT) cancels the command's token: the running stage stops at its next check, deletes its temporary
// folder and the command prints "Cancelled." (exit 130). A second Ctrl+C ends the process at once; a stage's
// leftover temporary folder is then removed by a later run of that stage once it is a day old.
using var cancellation = new CancellationTokenSource();
var interrupts = 0;
Console.CancelKeyPress += (_, e) =>
{
    if (Interlocked.Increment(ref interrupts) == 1)
    {
        e.Cancel = true;
        Console.Error.WriteLine("Cancelling… (the current step finishes first; Ctrl+C again to stop at once)");
        cancellation.Cancel();
    }
};

return IpsmlApp.Run(args, IpsmlConsoles.FromProcess(), cancellation.Token);
