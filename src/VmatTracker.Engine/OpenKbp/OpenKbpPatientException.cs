namespace VmatTracker.Engine.OpenKbp;

/// <summary>One patient folder that cannot be read; <see cref="Problems"/> names each bad file.</summary>
public sealed class OpenKbpPatientException : Exception
{
    /// <summary>Creates the exception for patient <paramref name="patientId"/>.</summary>
    public OpenKbpPatientException(string patientId, IReadOnlyList<string> problems)
        : base($"{patientId}: {string.Join("; ", problems)}")
    {
        PatientId = patientId;
        Problems = problems;
    }

    /// <summary>The patient (folder name).</summary>
    public string PatientId { get; }

    /// <summary>Each problem, naming its file.</summary>
    public IReadOnlyList<string> Problems { get; }
}
