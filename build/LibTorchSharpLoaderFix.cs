// The Debian 12 loader fix for TorchSharp's native shim (docs/torchsharp-loader-fix.md).
//
// libLibTorchSharp.so 0.107.0 was linked against GCC 13's libstdc++ and so declares that it needs the symbol version
// GLIBCXX_3.4.32. Debian 12 ships libstdc++ up to GLIBCXX_3.4.30, so the dynamic loader refuses the file, and
// TorchSharp reports a misleading "missing libtorch package" error. Exactly one symbol carries that version
// (_ZSt21ios_base_library_initv, GCC 13's iostream init marker) and no relocation refers to it. Marking the version
// need weak and un-versioning that one symbol lets ld.so load the library; nothing it calls changes.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (Directory.Build.targets), which runs the task
// after every Build and Publish on Linux, and by the test project (VMAT_LOADER_FIX_TESTS), which checks the patcher.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace VmatTracker.Build
{
    /// <summary>What the patcher did to one file.</summary>
    public enum LoaderFixOutcome
    {
        /// <summary>The file needs no versions the system lacks, or is not an ELF64 little-endian file.</summary>
        NotNeeded,

        /// <summary>The version need was strong and is now weak.</summary>
        Patched,

        /// <summary>An earlier run already weakened it (the patch is idempotent).</summary>
        AlreadyPatched,
    }

    /// <summary>Weakens the ELF version needs that the running system's libstdc++ cannot satisfy.</summary>
    public static class ElfVersionNeedWeakener
    {
        /// <summary>The only version we know to be safe to weaken: no relocation uses a symbol that carries it.</summary>
        public const string SafeToWeaken = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const uint ShtGnuVersym = 0x6fffffff;
        private const ushort VerFlagWeak = 0x2;
        private const ushort VerIndexGlobal = 1;

        private static readonly string[] s_libstdcxxCandidates =
        {
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        /// <summary>
        /// True when the system libstdc++ lacks <paramref name="version"/>, i.e. when the unpatched library would fail
        /// to load. An unknown system (no libstdc++ found) counts as lacking it, since the weak need is harmless there.
        /// </summary>
        public static bool SystemLacksVersion(string version)
        {
            foreach (var candidate in s_libstdcxxCandidates)
            {
                if (File.Exists(candidate))
                {
                    return !ContainsAscii(File.ReadAllBytes(candidate), version + "\0");
                }
            }

            return true;
        }

        /// <summary>Patches <paramref name="path"/> in place when it strongly needs <paramref name="version"/>.</summary>
        public static LoaderFixOutcome PatchFile(string path, string version)
        {
            var bytes = File.ReadAllBytes(path);
            var outcome = Patch(bytes, version);
            if (outcome == LoaderFixOutcome.Patched)
            {
                var temporary = path + ".vmat-patch";
                File.WriteAllBytes(temporary, bytes);
                File.Copy(temporary, path, overwrite: true);
                File.Delete(temporary);
            }

            return outcome;
        }

        /// <summary>Patches an in-memory ELF image; returns what it found.</summary>
        public static LoaderFixOutcome Patch(byte[] elf, string version)
        {
            if (!IsElf64LittleEndian(elf))
            {
                return LoaderFixOutcome.NotNeeded;
            }

            var sections = ReadSections(elf);
            var verneed = sections.Find(s => s.Type == ShtGnuVerneed);
            var versym = sections.Find(s => s.Type == ShtGnuVersym);
            if (verneed == null || versym == null)
            {
                return LoaderFixOutcome.NotNeeded;
            }

            var strings = sections[(int)verneed.Link];
            var outcome = LoaderFixOutcome.NotNeeded;
            var weakenedIndexes = new List<ushort>();
            var needOffset = verneed.Offset;
            for (var need = 0; need < verneed.Info; need++)
            {
                var auxCount = ReadUInt16(elf, needOffset + 2);
                var auxOffset = needOffset + ReadUInt32(elf, needOffset + 8);
                for (var aux = 0; aux < auxCount; aux++)
                {
                    var name = ReadCString(elf, strings.Offset + ReadUInt32(elf, auxOffset + 8));
                    if (name == version)
                    {
                        var flags = ReadUInt16(elf, auxOffset + 4);
                        if ((flags & VerFlagWeak) != 0)
                        {
                            outcome = outcome == LoaderFixOutcome.Patched ? outcome : LoaderFixOutcome.AlreadyPatched;
                        }
                        else
                        {
                            WriteUInt16(elf, auxOffset + 4, (ushort)(flags | VerFlagWeak));
                            outcome = LoaderFixOutcome.Patched;
                        }

                        weakenedIndexes.Add((ushort)(ReadUInt16(elf, auxOffset + 6) & 0x7fff));
                    }

                    auxOffset += ReadUInt32(elf, auxOffset + 12);
                }

                needOffset += ReadUInt32(elf, needOffset + 12);
            }

            // Symbols that still name the weakened version would fail to bind; make them unversioned instead.
            for (var entry = versym.Offset; entry + 2 <= versym.Offset + versym.Size; entry += 2)
            {
                var index = (ushort)(ReadUInt16(elf, entry) & 0x7fff);
                if (weakenedIndexes.Contains(index))
                {
                    WriteUInt16(elf, entry, VerIndexGlobal);
                    outcome = LoaderFixOutcome.Patched;
                }
            }

            return outcome;
        }

        /// <summary>Every version name the file needs, with whether the need is weak (for tests and diagnostics).</summary>
        public static IReadOnlyDictionary<string, bool> ReadVersionNeeds(byte[] elf)
        {
            var needs = new Dictionary<string, bool>(StringComparer.Ordinal);
            if (!IsElf64LittleEndian(elf))
            {
                return needs;
            }

            var sections = ReadSections(elf);
            var verneed = sections.Find(s => s.Type == ShtGnuVerneed);
            if (verneed == null)
            {
                return needs;
            }

            var strings = sections[(int)verneed.Link];
            var needOffset = verneed.Offset;
            for (var need = 0; need < verneed.Info; need++)
            {
                var auxOffset = needOffset + ReadUInt32(elf, needOffset + 8);
                for (var aux = 0; aux < ReadUInt16(elf, needOffset + 2); aux++)
                {
                    var name = ReadCString(elf, strings.Offset + ReadUInt32(elf, auxOffset + 8));
                    needs[name] = (ReadUInt16(elf, auxOffset + 4) & VerFlagWeak) != 0;
                    auxOffset += ReadUInt32(elf, auxOffset + 12);
                }

                needOffset += ReadUInt32(elf, needOffset + 12);
            }

            return needs;
        }

        private static bool IsElf64LittleEndian(byte[] elf) =>
            elf.Length > 64 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L' && elf[3] == (byte)'F'
            && elf[4] == 2 && elf[5] == 1;

        private static List<Section> ReadSections(byte[] elf)
        {
            var tableOffset = (long)ReadUInt64(elf, 0x28);
            var entrySize = ReadUInt16(elf, 0x3a);
            var count = ReadUInt16(elf, 0x3c);
            var sections = new List<Section>(count);
            for (var i = 0; i < count; i++)
            {
                var header = tableOffset + (i * (long)entrySize);
                sections.Add(new Section(
                    ReadUInt32(elf, header + 4),
                    (long)ReadUInt64(elf, header + 24),
                    (long)ReadUInt64(elf, header + 32),
                    ReadUInt32(elf, header + 40),
                    ReadUInt32(elf, header + 44)));
            }

            return sections;
        }

        private static bool ContainsAscii(byte[] haystack, string needle)
        {
            var pattern = Encoding.ASCII.GetBytes(needle);
            for (var i = 0; i + pattern.Length <= haystack.Length; i++)
            {
                var match = true;
                for (var j = 0; j < pattern.Length && match; j++)
                {
                    match = haystack[i + j] == pattern[j];
                }

                if (match)
                {
                    return true;
                }
            }

            return false;
        }

        private static string ReadCString(byte[] elf, long offset)
        {
            var end = offset;
            while (elf[end] != 0)
            {
                end++;
            }

            return Encoding.ASCII.GetString(elf, (int)offset, (int)(end - offset));
        }

        private static ushort ReadUInt16(byte[] b, long o) => (ushort)(b[o] | (b[o + 1] << 8));

        private static uint ReadUInt32(byte[] b, long o) => (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));

        private static ulong ReadUInt64(byte[] b, long o) => ReadUInt32(b, o) | ((ulong)ReadUInt32(b, o + 4) << 32);

        private static void WriteUInt16(byte[] b, long o, ushort value)
        {
            b[o] = (byte)value;
            b[o + 1] = (byte)(value >> 8);
        }

        private sealed class Section
        {
            public Section(uint type, long offset, long size, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Size = size;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public long Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }

#if !VMAT_LOADER_FIX_TESTS
    /// <summary>MSBuild task: applies <see cref="ElfVersionNeedWeakener"/> to TorchSharp's native shim.</summary>
    public sealed class PatchLibTorchSharpLoader : Microsoft.Build.Utilities.Task
    {
        /// <summary>The libLibTorchSharp.so files in the output or publish folder.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        /// <inheritdoc />
        public override bool Execute()
        {
            if (!ElfVersionNeedWeakener.SystemLacksVersion(ElfVersionNeedWeakener.SafeToWeaken))
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                    "System libstdc++ provides {0}; TorchSharp loads unpatched.", ElfVersionNeedWeakener.SafeToWeaken);
                return true;
            }

            foreach (var file in Files)
            {
                var outcome = ElfVersionNeedWeakener.PatchFile(file.ItemSpec, ElfVersionNeedWeakener.SafeToWeaken);
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                    "TorchSharp loader fix: {0}: {1}", file.ItemSpec, outcome);
            }

            return !Log.HasLoggedErrors;
        }
    }
#endif
}
