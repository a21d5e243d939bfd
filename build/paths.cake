// Every path the build uses, in one place.

public sealed class BuildPaths
{
    public FilePath Solution { get; init; }
    public FilePath CliProject { get; init; }
    public FilePath IpsmlDll { get; init; }
    public FilePath ModelPackageProject { get; init; }
    public DirectoryPath Packages { get; init; }
    public DirectoryPath Output { get; init; }
    public DirectoryPath TestResults { get; init; }

    public static BuildPaths Create(ICakeContext context, string configuration, string output) => new BuildPaths
    {
        Solution = "./Pipeline.sln",
        CliProject = "./pipelines/Ipsml.Cli/Ipsml.Cli.csproj",
        IpsmlDll = $"./pipelines/Ipsml.Cli/bin/{configuration}/net10.0/ipsml.dll",
        ModelPackageProject = "./models/Ipsml.Model/Ipsml.Model.csproj",
        Packages = $"{output}/packages",
        Output = output,
        TestResults = $"{output}/test-results",
    };
}
