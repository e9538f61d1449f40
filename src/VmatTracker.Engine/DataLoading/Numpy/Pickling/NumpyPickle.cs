using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Razorvine.Pickle;
using Razorvine.Pickle.Objects;

namespace VmatTracker.Engine.DataLoading.Numpy.Pickling;

/// <summary>
/// Reads the pickles numpy writes for object arrays (e.g. <c>np.savez(..., metadata=dict)</c>) and turns them into
/// JSON. Safety: nothing is executed. The only globals given meaning are numpy's array, dtype and scalar constructors
/// and <c>_codecs.encode</c>, all inert holders here; any other global (e.g. <c>os.system</c>) either fails to
/// construct with a message naming it, or stays an inert placeholder that <see cref="ToJson"/> refuses.
/// </summary>
public static class NumpyPickle
{
    /// <summary>The deepest nesting converted; System.Text.Json's default writer limit is the same.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most JSON values one pickle may expand to, every shared reference followed: the output limit
    /// (metadata holds hundreds).</summary>
    public const int MaxOutputValues = 100_000;

    /// <summary>The most characters of strings (and base64 of bytes) one pickle may expand to.</summary>
    public const long MaxOutputChars = 64L << 20;

    static NumpyPickle()
    {
        // Razorvine keeps constructors in a process-wide table; registering once, before any load, keeps it read-only.
        var array = new NumpyConstructors.NdArray();
        var dtype = new NumpyConstructors.Dtype();
        var scalar = new NumpyConstructors.Scalar();
        foreach (var module in new[] { "numpy.core.multiarray", "numpy._core.multiarray" })
        {
            Unpickler.registerConstructor(module, "_reconstruct", array);
            Unpickler.registerConstructor(module, "scalar", scalar);
        }

        Unpickler.registerConstructor("numpy", "ndarray", array);
        Unpickler.registerConstructor("numpy", "dtype", dtype);
        Unpickler.registerConstructor("_codecs", "encode", new NumpyConstructors.CodecsEncode());
    }

    /// <summary>
    /// Unpickles <paramref name="pickle"/>; a numpy array becomes its plain value (the item of a 0-d object array,
    /// nested lists otherwise). Throws <see cref="NumpyFormatException"/> for anything that is not plain data.
    /// </summary>
    public static object? Load(byte[] pickle)
    {
        ArgumentNullException.ThrowIfNull(pickle);
        PickleCost.Check(pickle);
        object? result;
        try
        {
            using var unpickler = new Unpickler();
            result = unpickler.loads(pickle);
            return Plain(result);
        }
        catch (PickleException e)
        {
            throw new NumpyFormatException($"unreadable pickle: {Describe(e)}", inner: e);
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or IndexOutOfRangeException
                                      or InvalidOperationException or KeyNotFoundException or FormatException
                                      or OverflowException or NullReferenceException)
        {
            // Razorvine trusts its input's structure; garbage surfaces as these.
            throw new NumpyFormatException($"unreadable pickle (damaged or not a pickle): {e.Message}", inner: e);
        }
    }

    /// <summary>
    /// Converts an unpickled value into JSON: numbers, strings, bools, null, lists (from lists, tuples and numeric
    /// arrays), objects (dicts; keys become strings). Non-finite floats become the strings NaN, Infinity, -Infinity,
    /// since JSON has no such numbers.
    /// </summary>
    public static JsonNode? ToJson(object? value)
    {
        // Measured before anything is built: a few hundred bytes of shared references can stand for 2^40 values.
        var budget = new OutputBudget();
        try
        {
            Measure(value, 0, budget);
            return ToNode(value, 0);
        }
        catch (PickleException e)
        {
            throw new NumpyFormatException($"unreadable pickle: {Describe(e)}", inner: e);
        }
        catch (Exception e) when (e is InvalidCastException or InvalidOperationException or FormatException
                                      or OverflowException or ArgumentException)
        {
            // Sorting keys of mixed kinds, or numbers that do not convert, surface as these.
            throw new NumpyFormatException($"the pickle holds values that are not plain data: {e.Message}", inner: e);
        }
    }

    private static void Measure(object? value, int depth, OutputBudget budget)
    {
        if (depth > MaxDepth)
        {
            throw new NumpyFormatException($"the pickle nests deeper than {MaxDepth} levels (or refers to itself)");
        }

        if (++budget.Values > MaxOutputValues)
        {
            throw new NumpyFormatException(
                $"the pickle expands to more than {MaxOutputValues} values once shared references are followed, over the output limit");
        }

        budget.Chars += value switch
        {
            string s => s.Length,
            byte[] b => ((long)b.Length + 2) / 3 * 4,
            _ => 0,
        };
        if (budget.Chars > MaxOutputChars)
        {
            throw new NumpyFormatException(
                $"the pickle expands to more than {MaxOutputChars} characters of text once shared references are followed, over the output limit");
        }

        switch (value)
        {
            case PickledNdArray array:
                Measure(array.ToValue(), depth + 1, budget);
                break;
            case IDictionary dict:
                foreach (DictionaryEntry entry in dict)
                {
                    Measure(entry.Key, depth + 1, budget);
                    Measure(entry.Value, depth + 1, budget);
                }

                break;
            case string or byte[]:
                break;
            case IList list:
                // By index: an enumerator per list would allocate as much as the lists it refuses.
                for (var i = 0; i < list.Count; i++)
                {
                    Measure(list[i], depth + 1, budget);
                }

                break;
            case IEnumerable list:
                foreach (var item in list)
                {
                    Measure(item, depth + 1, budget);
                }

                break;
        }
    }

    private static JsonNode? ToNode(object? value, int depth)
    {
        // A pickle can nest lists without bound or make a list contain itself; recursion must stop before the stack does.
        if (depth > MaxDepth)
        {
            throw new NumpyFormatException($"the pickle nests deeper than {MaxDepth} levels (or refers to itself)");
        }

        return value switch
        {
            null => null,
            bool b => JsonValue.Create(b),
            string s => JsonValue.Create(s),
            byte or sbyte or short or ushort or int or uint or long => Number(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            ulong u => Number(u),
            float f => Number(f),
            double d => Number(d),
            decimal m => Number(m),
            DateTime t => JsonValue.Create(t.ToString("O", CultureInfo.InvariantCulture)),
            PickledNdArray array => ToNode(array.ToValue(), depth + 1),
            ClassDict classDict => throw new NumpyFormatException(
                $"the pickle holds a {classDict.ClassName} object, which is not plain data"),
            IObjectConstructor constructor => throw new NumpyFormatException(
                $"the pickle holds a bare reference to {Describe(constructor)}, which is not plain data"),
            IDictionary dict => ToJsonObject(dict, depth),
            byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
            IEnumerable list => new JsonArray([.. list.Cast<object?>().Select(item => ToNode(item, depth + 1))]),
            _ => throw new NumpyFormatException($"the pickle holds a {value.GetType().Name}, which is not plain data"),
        };
    }

    private static object? Plain(object? value) => value is PickledNdArray array ? array.ToValue() : value;

    private static JsonObject ToJsonObject(IDictionary dict, int depth)
    {
        var result = new JsonObject();

        // Razorvine's Hashtable loses Python's key order; a fixed order (numbers first, numerically) keeps output stable.
        var keys = dict.Keys.Cast<object?>()
            .Select(key => (Key: key, Text: KeyText(key)))
            .OrderBy(k => k.Key is string ? 1 : 0)
            .ThenBy(k => k.Key is string ? 0 : Convert.ToDouble(k.Key, CultureInfo.InvariantCulture))
            .ThenBy(k => k.Text, StringComparer.Ordinal);
        foreach (var (key, text) in keys)
        {
            if (result.ContainsKey(text))
            {
                throw new NumpyFormatException($"the pickled dict has two keys that both read '{text}'");
            }

            result[text] = ToNode(dict[key!], depth + 1);
        }

        return result;
    }

    private static string KeyText(object? key) => key switch
    {
        string s => s,
        bool b => b ? "True" : "False",
        byte or sbyte or short or ushort or int or uint or long or ulong => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        double or float => Convert.ToString(key, CultureInfo.InvariantCulture)!,
        null => "None",
        _ => throw new NumpyFormatException($"the pickled dict has a key of type {key.GetType().Name}"),
    };

    private static JsonValue Number(double d) => double.IsFinite(d)
        ? Number<double>(d)
        : JsonValue.Create(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");

    // Numbers are stored as JSON elements, exactly as if the metadata had been parsed from JSON text: a value made by
    // JsonValue.Create(long) refuses TryGetValue<double>, so a pickled int spacing (1, 1, 2) would read as "not a number".
    private static JsonValue Number<T>(T value) =>
        JsonValue.Create(JsonSerializer.SerializeToElement(value)) ?? throw new InvalidOperationException("a number serialised as null");

    private static string Describe(IObjectConstructor constructor) =>
        constructor is ClassDictConstructor c ? $"{c.module}.{c.name}" : constructor.GetType().Name;

    private sealed class OutputBudget
    {
        public int Values { get; set; }

        public long Chars { get; set; }
    }

    private static string Describe(Exception e) =>
        e.InnerException is null || e.InnerException.Message == e.Message
            ? e.Message
            : $"{e.Message} ({e.InnerException.Message})";
}
