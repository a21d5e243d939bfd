using Ipsml.Cli;
using Ipsml.Cli.Infrastructure;

return IpsmlApp.Run(args, IpsmlConsoles.FromProcess());
