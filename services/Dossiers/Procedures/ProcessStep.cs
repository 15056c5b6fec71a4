namespace Cchc.Dossiers.Procedures;

/// <summary>One step of the procedure's internal process.</summary>
public sealed class ProcessStep
{
    public required string Name { get; init; }
    /// <summary>Empty for the procedure's processing unit.</summary>
    public string UnitCode { get; init; } = "";
    /// <summary>One of the Cchc roles (<c>processing_officer</c>, …).</summary>
    public required string Role { get; init; }
    /// <summary>In the procedure's statutory unit.</summary>
    public decimal Allowance { get; init; }
}
