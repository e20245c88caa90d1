/*
 * gen-bad-elf DIR: write a corpus of malformed ELF files into DIR, plus
 * DIR/MANIFEST with one line per file: "NAME<TAB>expected reason".
 *
 * Every file starts as the same small, valid riscv64 executable (two
 * PT_LOADs, a PT_INTERP, a PT_NOTE) and breaks exactly one thing: a
 * truncation at a header boundary or one bad field.  tests/fuzz/run runs
 * uemu on each and checks the one-line error naming the reason.  Also
 * written: good.elf and good-freebsd.elf, the unbroken originals, listed
 * with reason "-" (they must load), and good-at-zero, an ET_EXEC at guest
 * address 0, which the host cannot give: uemu moves guest_base instead.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The base image's layout. */
#define BASE_SIZE     0x1100
#define PHDR_OFF      sizeof(Elf64_Ehdr)
#define NPHDR         4
#define INTERP_OFF    0x800
#define NOTE_OFF      0x900
#define TEXT_VADDR    0x10000
#define DATA_VADDR    0x11000
#define ENTRY         0x10400
#define INTERP        "/lib/ld-linux-riscv64-lp64d.so.1"

/* Program header slots in the base image. */
enum { PH_INTERP, PH_TEXT, PH_DATA, PH_NOTE };

struct image {
    unsigned char buf[BASE_SIZE];
    size_t size;
};

static Elf64_Ehdr *eh(struct image *im)
{
    return (Elf64_Ehdr *)im->buf;
}

static Elf64_Phdr *ph(struct image *im, int i)
{
    return (Elf64_Phdr *)(im->buf + PHDR_OFF) + i;
}

static void build_base(struct image *im, bool freebsd)
{
    static const char owner[8] = "FreeBSD";
    Elf64_Nhdr nh = { .n_namesz = sizeof(owner), .n_descsz = 4,
                      .n_type = freebsd ? 1 : 0x4242 };
    uint32_t osrel = 1400000;

    memset(im, 0, sizeof(*im));
    im->size = BASE_SIZE;
    memcpy(eh(im)->e_ident, ELFMAG, SELFMAG);
    eh(im)->e_ident[EI_CLASS] = ELFCLASS64;
    eh(im)->e_ident[EI_DATA] = ELFDATA2LSB;
    eh(im)->e_ident[EI_VERSION] = EV_CURRENT;
    eh(im)->e_type = ET_EXEC;
    eh(im)->e_machine = EM_RISCV;
    eh(im)->e_version = EV_CURRENT;
    eh(im)->e_entry = ENTRY;
    eh(im)->e_phoff = PHDR_OFF;
    eh(im)->e_ehsize = sizeof(Elf64_Ehdr);
    eh(im)->e_phentsize = sizeof(Elf64_Phdr);
    eh(im)->e_phnum = NPHDR;
    *ph(im, PH_INTERP) = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R,
        .p_offset = INTERP_OFF, .p_vaddr = TEXT_VADDR + INTERP_OFF,
        .p_filesz = sizeof(INTERP), .p_memsz = sizeof(INTERP), .p_align = 1 };
    *ph(im, PH_TEXT) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
        .p_offset = 0, .p_vaddr = TEXT_VADDR, .p_filesz = 0x1000,
        .p_memsz = 0x1000, .p_align = 0x1000 };
    *ph(im, PH_DATA) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
        .p_offset = 0x1000, .p_vaddr = DATA_VADDR, .p_filesz = 0x100,
        .p_memsz = 0x2000, .p_align = 0x1000 };
    *ph(im, PH_NOTE) = (Elf64_Phdr){ .p_type = PT_NOTE, .p_flags = PF_R,
        .p_offset = NOTE_OFF, .p_vaddr = TEXT_VADDR + NOTE_OFF,
        .p_filesz = sizeof(nh) + sizeof(owner) + sizeof(osrel),
        .p_memsz = sizeof(nh) + sizeof(owner) + sizeof(osrel), .p_align = 4 };
    memcpy(im->buf + INTERP_OFF, INTERP, sizeof(INTERP));
    memcpy(im->buf + NOTE_OFF, &nh, sizeof(nh));
    memcpy(im->buf + NOTE_OFF + sizeof(nh), owner, sizeof(owner));
    memcpy(im->buf + NOTE_OFF + sizeof(nh) + sizeof(owner), &osrel, sizeof(osrel));
    /* Data: a non-zero byte pattern the bss must not inherit. */
    memset(im->buf + 0x1000, 0xa5, 0x100);
}

/* Each mutation breaks one thing in the base image. */
static void m_none(struct image *im) { (void)im; }
static void m_empty(struct image *im) { im->size = 0; }
static void m_trunc3(struct image *im) { im->size = 3; }
static void m_trunc16(struct image *im) { im->size = 16; }
static void m_trunc63(struct image *im) { im->size = 63; }
static void m_trunc_ehdr_only(struct image *im) { im->size = PHDR_OFF; }
static void m_trunc_mid_phdr(struct image *im) { im->size = PHDR_OFF + 56 + 20; }
static void m_trunc_last_phdr(struct image *im) { im->size = PHDR_OFF + NPHDR * 56 - 1; }
static void m_trunc_mid_interp(struct image *im) { im->size = INTERP_OFF + 10; }
static void m_trunc_mid_data(struct image *im) { im->size = 0x1080; }
static void m_text(struct image *im)
{
    static const char text[] = "#!/bin/sh\necho this is not ELF\n";

    memcpy(im->buf, text, sizeof(text) - 1);
    im->size = sizeof(text) - 1;
}
static void m_elf32(struct image *im) { eh(im)->e_ident[EI_CLASS] = ELFCLASS32; }
static void m_class7(struct image *im) { eh(im)->e_ident[EI_CLASS] = 7; }
static void m_bigendian(struct image *im) { eh(im)->e_ident[EI_DATA] = ELFDATA2MSB; }
static void m_data0(struct image *im) { eh(im)->e_ident[EI_DATA] = ELFDATANONE; }
static void m_ident_version(struct image *im) { eh(im)->e_ident[EI_VERSION] = 2; }
static void m_e_version(struct image *im) { eh(im)->e_version = 0; }
static void m_rel(struct image *im) { eh(im)->e_type = ET_REL; }
static void m_core(struct image *im) { eh(im)->e_type = ET_CORE; }
static void m_x86_64(struct image *im) { eh(im)->e_machine = EM_X86_64; }
static void m_arm(struct image *im) { eh(im)->e_machine = EM_ARM; }
static void m_mips(struct image *im) { eh(im)->e_machine = EM_MIPS; }
static void m_machine_unknown(struct image *im) { eh(im)->e_machine = 0x1234; }
static void m_phentsize(struct image *im) { eh(im)->e_phentsize = 32; }
static void m_phnum0(struct image *im) { eh(im)->e_phnum = 0; }
static void m_phnum_huge(struct image *im) { eh(im)->e_phnum = 0xfffe; }
static void m_phoff_huge(struct image *im) { eh(im)->e_phoff = 0xffffffffffffff00ull; }
static void m_phoff_past(struct image *im) { eh(im)->e_phoff = BASE_SIZE - 8; }
static void m_align_not_pow2(struct image *im) { ph(im, PH_TEXT)->p_align = 0x1001; }
static void m_align_huge(struct image *im) { ph(im, PH_TEXT)->p_align = 1ull << 62; }
static void m_vaddr_offset_align(struct image *im) { ph(im, PH_DATA)->p_vaddr = DATA_VADDR + 0x100; }
static void m_vaddr_offset_page(struct image *im)
{
    ph(im, PH_DATA)->p_align = 0;
    ph(im, PH_DATA)->p_vaddr = DATA_VADDR + 0x100;
}
static void m_filesz_gt_memsz(struct image *im) { ph(im, PH_DATA)->p_memsz = 0x80; }
static void m_memsz_huge(struct image *im) { ph(im, PH_DATA)->p_memsz = 1ull << 63; }
static void m_vaddr_wrap(struct image *im)
{
    ph(im, PH_DATA)->p_vaddr = 0xfffffffffffff000ull;
    ph(im, PH_DATA)->p_memsz = 0x2000;
}
static void m_offset_wrap(struct image *im)
{
    ph(im, PH_DATA)->p_offset = 0xfffffffffffff000ull;
    ph(im, PH_DATA)->p_filesz = 0x1001;
    ph(im, PH_DATA)->p_memsz = 0x2000;
}
static void m_seg_past_eof(struct image *im) { ph(im, PH_DATA)->p_offset = 0x100000; }
static void m_unsorted(struct image *im) { ph(im, PH_DATA)->p_vaddr = 0x8000; }
static void m_overlap(struct image *im) { ph(im, PH_DATA)->p_vaddr = TEXT_VADDR; }
static void m_no_load(struct image *im)
{
    ph(im, PH_TEXT)->p_type = PT_NULL;
    ph(im, PH_DATA)->p_type = PT_NULL;
}
static void m_entry_outside(struct image *im) { eh(im)->e_entry = 0x500000; }
static void m_entry_data(struct image *im) { eh(im)->e_entry = DATA_VADDR + 0x10; }
static void m_span_huge(struct image *im)
{
    eh(im)->e_type = ET_DYN;
    ph(im, PH_DATA)->p_vaddr = 0x0000900000000000ull;
}
static void m_outside_guest(struct image *im)
{
    ph(im, PH_TEXT)->p_vaddr = 1ull << 47;
    ph(im, PH_DATA)->p_vaddr = (1ull << 47) + 0x1000;
    eh(im)->e_entry = (1ull << 47) + 0x400;
}
/* wider than any hole the host can leave beside uemu itself */
static void m_exec_huge(struct image *im) { ph(im, PH_DATA)->p_memsz = 0x7ff000000000ull; }
static void m_at_zero(struct image *im)
{
    ph(im, PH_TEXT)->p_vaddr = 0;
    ph(im, PH_DATA)->p_vaddr = 0x1000;
    eh(im)->e_entry = 0x400;
}
static void m_two_interp(struct image *im)
{
    *ph(im, PH_NOTE) = *ph(im, PH_INTERP);
}
static void m_interp_no_nul(struct image *im) { im->buf[INTERP_OFF + sizeof(INTERP) - 1] = 'X'; }
static void m_interp_embedded_nul(struct image *im) { im->buf[INTERP_OFF + 4] = '\0'; }
static void m_interp_relative(struct image *im)
{
    memcpy(im->buf + INTERP_OFF, "lib/ld.so\n2nd line", sizeof("lib/ld.so\n2nd line"));
    ph(im, PH_INTERP)->p_filesz = sizeof("lib/ld.so\n2nd line");
}
static void m_interp_len1(struct image *im) { ph(im, PH_INTERP)->p_filesz = 1; }
static void m_interp_len_huge(struct image *im) { ph(im, PH_INTERP)->p_filesz = 0x10000; }
static void m_interp_past_eof(struct image *im) { ph(im, PH_INTERP)->p_offset = BASE_SIZE - 4; }
static void m_note_past_eof(struct image *im) { ph(im, PH_NOTE)->p_offset = 0xffffffffffff0000ull; }
static void m_fbsd_osabi_x86(struct image *im)
{
    eh(im)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
    eh(im)->e_machine = EM_X86_64;
}
static void m_fbsd_osabi_elf32(struct image *im)
{
    eh(im)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
    eh(im)->e_ident[EI_CLASS] = ELFCLASS32;
}
static void m_fbsd_trunc_phdr(struct image *im)
{
    eh(im)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
    im->size = PHDR_OFF + 100;
}
static void m_fbsd_note_bad_interp(struct image *im) { m_interp_relative(im); }
static void m_fbsd_note_bad_sizes(struct image *im)
{
    /* A note whose sizes run past its segment: ignored, the rest is bad. */
    ((Elf64_Nhdr *)(im->buf + NOTE_OFF))->n_descsz = 0xfffffff0u;
    eh(im)->e_entry = 0;
}

struct mutation {
    const char *name;
    bool freebsd;           /* start from the FreeBSD-tagged base */
    void (*mutate)(struct image *);
    const char *reason;     /* expected substring; "-" for a good file */
};

static const struct mutation mutations[] = {
    { "good", false, m_none, "-" },
    { "good-freebsd", true, m_none, "-" },
    { "empty", false, m_empty, "not an ELF file" },
    { "trunc-3", false, m_trunc3, "not an ELF file" },
    { "trunc-16", false, m_trunc16, "truncated ELF header" },
    { "trunc-63", false, m_trunc63, "truncated ELF header" },
    { "trunc-ehdr-only", false, m_trunc_ehdr_only, "program headers outside the file" },
    { "trunc-mid-phdr", false, m_trunc_mid_phdr, "program headers outside the file" },
    { "trunc-last-phdr", false, m_trunc_last_phdr, "program headers outside the file" },
    { "trunc-mid-interp", false, m_trunc_mid_interp, "PT_INTERP outside the file" },
    { "trunc-mid-data", false, m_trunc_mid_data, "segment 2 outside the file" },
    { "not-elf-text", false, m_text, "not an ELF file" },
    { "elf32", false, m_elf32, "32-bit ELF is not supported" },
    { "class-7", false, m_class7, "bad ELF class 7" },
    { "big-endian", false, m_bigendian, "big-endian ELF is not supported" },
    { "data-none", false, m_data0, "bad ELF data encoding 0" },
    { "ident-version", false, m_ident_version, "bad ELF identification version 2" },
    { "e-version", false, m_e_version, "bad e_version 0" },
    { "type-rel", false, m_rel, "not an executable (e_type ET_REL" },
    { "type-core", false, m_core, "not an executable (e_type ET_CORE" },
    { "machine-x86-64", false, m_x86_64, "unsupported machine x86-64" },
    { "machine-arm", false, m_arm, "unsupported machine ARM" },
    { "machine-mips", false, m_mips, "unsupported machine MIPS" },
    { "machine-unknown", false, m_machine_unknown, "unsupported machine 4660" },
    { "phentsize", false, m_phentsize, "bad e_phentsize 32" },
    { "phnum-0", false, m_phnum0, "no program headers" },
    { "phnum-huge", false, m_phnum_huge, "too many program headers" },
    { "phoff-huge", false, m_phoff_huge, "program headers outside the file" },
    { "phoff-past-eof", false, m_phoff_past, "program headers outside the file" },
    { "align-not-pow2", false, m_align_not_pow2, "is not a power of two" },
    { "align-huge", false, m_align_huge, "p_align 0x4000000000000000 is too large" },
    { "vaddr-offset-align", false, m_vaddr_offset_align, "disagree modulo p_align" },
    { "vaddr-offset-page", false, m_vaddr_offset_page, "differ modulo the page size" },
    { "filesz-gt-memsz", false, m_filesz_gt_memsz, "p_filesz 0x100 > p_memsz 0x80" },
    { "memsz-huge", false, m_memsz_huge, "is too large" },
    { "vaddr-wrap", false, m_vaddr_wrap, "is too large" },
    { "offset-wrap", false, m_offset_wrap, "p_offset + p_filesz overflows" },
    { "segment-past-eof", false, m_seg_past_eof, "segment 2 outside the file" },
    { "load-unsorted", false, m_unsorted, "not sorted by address" },
    { "load-overlap", false, m_overlap, "overlap" },
    { "no-load", false, m_no_load, "no PT_LOAD segment" },
    { "entry-outside", false, m_entry_outside, "entry point 0x500000 is not in an executable segment" },
    { "entry-in-data", false, m_entry_data, "is not in an executable segment" },
    { "span-huge", false, m_span_huge, "span more than the guest address space" },
    { "outside-guest-space", false, m_outside_guest, "outside the guest address space" },
    { "exec-no-room-on-host", false, m_exec_huge, "no room on the host for segments" },
    { "good-at-zero", false, m_at_zero, "-" },
    { "two-interp", false, m_two_interp, "more than one PT_INTERP" },
    { "interp-no-nul", false, m_interp_no_nul, "not NUL-terminated" },
    { "interp-embedded-nul", false, m_interp_embedded_nul, "embedded NUL" },
    { "interp-relative", false, m_interp_relative, "interpreter path 'lib/ld.so?2nd line' is not absolute" },
    { "interp-len-1", false, m_interp_len1, "bad PT_INTERP length 1" },
    { "interp-len-huge", false, m_interp_len_huge, "PT_INTERP outside the file" },
    { "interp-past-eof", false, m_interp_past_eof, "PT_INTERP outside the file" },
    { "note-past-eof", false, m_note_past_eof, "PT_NOTE outside the file" },
    { "freebsd-osabi-x86-64", true, m_fbsd_osabi_x86, "unsupported machine x86-64" },
    { "freebsd-osabi-elf32", true, m_fbsd_osabi_elf32, "32-bit ELF is not supported" },
    { "freebsd-trunc-phdr", true, m_fbsd_trunc_phdr, "program headers outside the file" },
    { "freebsd-note-bad-interp", true, m_fbsd_note_bad_interp, "is not absolute" },
    { "freebsd-note-bad-sizes", true, m_fbsd_note_bad_sizes, "entry point 0x0 is not in an executable segment" },
};

int main(int argc, char **argv)
{
    FILE *manifest;
    char path[4096];

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    snprintf(path, sizeof(path), "%s/MANIFEST", argv[1]);
    manifest = fopen(path, "w");
    if (!manifest) {
        fprintf(stderr, "gen-bad-elf: %s: %s\n", path, strerror(errno));
        return 1;
    }
    for (size_t i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
        const struct mutation *m = &mutations[i];
        struct image im;
        FILE *f;

        build_base(&im, m->freebsd);
        m->mutate(&im);
        snprintf(path, sizeof(path), "%s/%s.elf", argv[1], m->name);
        f = fopen(path, "wb");
        if (!f || fwrite(im.buf, 1, im.size, f) != im.size || fclose(f) != 0) {
            fprintf(stderr, "gen-bad-elf: %s: %s\n", path, strerror(errno));
            return 1;
        }
        fprintf(manifest, "%s.elf\t%s\n", m->name, m->reason);
    }
    if (fclose(manifest) != 0) {
        fprintf(stderr, "gen-bad-elf: MANIFEST: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
