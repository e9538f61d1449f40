using System.Diagnostics;
using System.Globalization;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.DataLoading.Numpy.Pickling;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading.Hostile;

/// <summary>
/// Fuzzes the NPZ, NPY and pickle readers with seeded mutations of a real phantom case, a case with pickled metadata
/// and the hostile regression files. Every read must end within its timeout with data or a named format error
/// (<see cref="CaseFormatException"/>, <see cref="NumpyFormatException"/>), allocating no more than the case limit.
/// </summary>
public sealed class CaseReaderFuzzTests
{
    private const int Seed = 15;
    private const int MaxMutants = 4000;

    // The case limit the fuzzed reads run under, and what a read may allocate beside the arrays it keeps (the zip
    // reader's buffers, the 1 MiB conversion chunk, a Fortran-order copy of a small member).
    private const long CaseLimitBytes = 8L << 20;
    private const long AllocationSlackBytes = 8L << 20;

    private static readonly TimeSpan s_perReadTimeout = TimeSpan.FromSeconds(10);
    private static readonly CaseLimits s_limits = new() { MaxDecompressedBytes = CaseLimitBytes, MaxMetadataBytes = 1L << 20 };

    [Fact]
    public void Readers_SeededMutationsOfRealCases_EndWithDataOrANamedFormatError()
    {
        // Arrange: the corpus, and a time budget (VMAT_FUZZ_SECONDS, default 10 s; CI runs the default).
        using var dir = new TempFolder("vmat-fuzz");
        var corpus = Corpus(dir);
        var budget = TimeSpan.FromSeconds(double.Parse(
            Environment.GetEnvironmentVariable("VMAT_FUZZ_SECONDS") ?? "10", CultureInfo.InvariantCulture));
        var mutator = new CaseMutator(Seed);
        var metadataPickle = PickleOpcodes.ProstateMetadata();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var mutants = 0;

        // Act: the regression files as they are, then mutants until the budget or the count runs out.
        foreach (var (name, bytes) in corpus)
        {
            Check(dir, $"corpus {name}", bytes, failures);
        }

        while (mutants < MaxMutants && clock.Elapsed < budget && failures.Count < 5)
        {
            var (name, original) = corpus[mutants % corpus.Count];
            var (bytes, description) = mutator.Mutate(original);
            Check(dir, $"mutant {mutants} of {name} ({description})", bytes, failures);
            var (pickle, pickleDescription) = mutator.MutatePickle(metadataPickle);
            CheckRead($"pickle mutant {mutants} ({pickleDescription})", () => NumpyPickle.ToJson(NumpyPickle.Load(pickle)), failures);
            mutants++;
        }

        // Assert
        TestContext.Current.SendDiagnosticMessage($"fuzzed {mutants} mutants (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(mutants >= 100, $"only {mutants} mutants ran in the time budget");
    }

    private static List<(string Name, byte[] Bytes)> Corpus(TempFolder dir)
    {
        var phantom = HostileCases.Phantom(dir.File("phantom"));
        var pickled = CaseNpzBuilder.Valid().Remove("metadata_json")
            .SetHeaderAndBody("metadata", new NpyHeader(NpyDtype.Object, false, []), PickleOpcodes.ProstateMetadata())
            .WriteTo(dir.File("pickled.npz"));
        return
        [
            ("phantom", File.ReadAllBytes(phantom)),
            ("pickled-metadata", File.ReadAllBytes(pickled)),
            ("oversized-512", File.ReadAllBytes(HostileCases.Oversized(dir.File("oversized.npz")))),
            ("pickle-bomb", File.ReadAllBytes(HostileCases.PickleBomb(dir.File("bomb.npz")))),
            ("huge-unicode-dtype", File.ReadAllBytes(HostileCases.HugeUnicodeDtype(dir.File("unicode.npz")))),
        ];
    }

    private static void Check(TempFolder dir, string what, byte[] bytes, List<string> failures)
    {
        var path = dir.File("case_fuzz.npz");
        File.WriteAllBytes(path, bytes);
        CheckRead(what, () => ReadCase(path), failures);
        CheckRead(what + " (metadata only)", () => CaseFile.ReadMetadataOnly(path, s_limits), failures);
    }

    private static CaseVolume ReadCase(string path) => CaseFile.Read(path, s_limits);

    private static void CheckRead(string what, Func<object?> read, List<string> failures)
    {
        Exception? error = null;
        long allocated = 0;
        var reader = new Thread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                read();
            }
            catch (Exception e)
            {
                error = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        {
            IsBackground = true,
        };
        reader.Start();
        if (!reader.Join(s_perReadTimeout))
        {
            failures.Add($"{what}: no answer within {s_perReadTimeout.TotalSeconds} s");
            return;
        }

        if (error is not null and not (CaseFormatException or NumpyFormatException))
        {
            failures.Add($"{what}: {error.GetType().Name}: {error.Message}{Environment.NewLine}{error.StackTrace}");
        }
        else if (allocated > CaseLimitBytes + AllocationSlackBytes)
        {
            failures.Add($"{what}: allocated {allocated} bytes, over the {CaseLimitBytes}-byte case limit");
        }
    }
}
