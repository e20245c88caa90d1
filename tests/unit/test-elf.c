/*
 * Tests for the ELF probe (accel/user/elf-probe.c) and loader
 * (accel/user/elf-load.c).
 *
 * Images are built here, in memory, from one small valid riscv64
 * executable, then written to a temporary file.  The loader runs against
 * fake mmap operations that record every call and also really map the
 * guest window inside a host reservation (guest_base points into it), so
 * the bss contents can be read back; then against the real Linux
 * personality, checking the guest page table.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "uemu/elfload.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

/* ---- Image builder -------------------------------------------------- */

#define IMG_MAX     0x20000
#define BASE_SIZE   0x2000
#define PHDR_OFF    64
#define INTERP_OFF  0x800
#define NOTE_OFF    0x900
#define INTERP      "/lib/ld-linux-riscv64-lp64d.so.1"

enum { PH_INTERP, PH_TEXT, PH_DATA, PH_NOTE, NPHDR };

struct image {
    unsigned char buf[IMG_MAX];
    size_t size;
};

static Elf64_Ehdr *eh(struct image *im) { return (Elf64_Ehdr *)im->buf; }
static Elf64_Phdr *ph(struct image *im, int i) { return (Elf64_Phdr *)(im->buf + PHDR_OFF) + i; }

/* A FreeBSD-owned note of type note_type at NOTE_OFF. */
static void put_note(struct image *im, uint32_t note_type)
{
    static const char owner[8] = "FreeBSD";
    Elf64_Nhdr nh = { .n_namesz = 8, .n_descsz = 4, .n_type = note_type };
    uint32_t osrel = 1400000;

    memcpy(im->buf + NOTE_OFF, &nh, sizeof(nh));
    memcpy(im->buf + NOTE_OFF + sizeof(nh), owner, sizeof(owner));
    memcpy(im->buf + NOTE_OFF + sizeof(nh) + 8, &osrel, 4);
}

/*
 * riscv64 ET_EXEC: text [0x10000, 0x11000) r-x from offset 0, data
 * [0x11000, 0x13000) rw- with 0x100 file bytes (0xa5) from 0x1000; the
 * file goes on with 0xee bytes the bss must not show.
 */
static void build(struct image *im)
{
    memset(im, 0, sizeof(*im));
    im->size = BASE_SIZE;
    memcpy(eh(im)->e_ident, ELFMAG, SELFMAG);
    eh(im)->e_ident[EI_CLASS] = ELFCLASS64;
    eh(im)->e_ident[EI_DATA] = ELFDATA2LSB;
    eh(im)->e_ident[EI_VERSION] = EV_CURRENT;
    eh(im)->e_type = ET_EXEC;
    eh(im)->e_machine = EM_RISCV;
    eh(im)->e_version = EV_CURRENT;
    eh(im)->e_entry = 0x10400;
    eh(im)->e_phoff = PHDR_OFF;
    eh(im)->e_flags = 5;
    eh(im)->e_ehsize = sizeof(Elf64_Ehdr);
    eh(im)->e_phentsize = sizeof(Elf64_Phdr);
    eh(im)->e_phnum = NPHDR;
    *ph(im, PH_INTERP) = (Elf64_Phdr){ .p_type = PT_INTERP, .p_flags = PF_R,
        .p_offset = INTERP_OFF, .p_vaddr = 0x10800, .p_filesz = sizeof(INTERP),
        .p_memsz = sizeof(INTERP), .p_align = 1 };
    *ph(im, PH_TEXT) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
        .p_offset = 0, .p_vaddr = 0x10000, .p_filesz = 0x1000, .p_memsz = 0x1000,
        .p_align = 0x1000 };
    *ph(im, PH_DATA) = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
        .p_offset = 0x1000, .p_vaddr = 0x11000, .p_filesz = 0x100, .p_memsz = 0x2000,
        .p_align = 0x1000 };
    *ph(im, PH_NOTE) = (Elf64_Phdr){ .p_type = PT_NOTE, .p_flags = PF_R,
        .p_offset = NOTE_OFF, .p_vaddr = 0x10900, .p_filesz = 24, .p_memsz = 24,
        .p_align = 4 };
    memcpy(im->buf + INTERP_OFF, INTERP, sizeof(INTERP));
    put_note(im, 0x4242);
    memset(im->buf + 0x1000, 0xa5, 0x100);
    memset(im->buf + 0x1100, 0xee, BASE_SIZE - 0x1100);
}

static char tmpdir[] = "/tmp/uemu-test-elf-XXXXXX";

static const char *write_image(const struct image *im)
{
    static char path[PATH_MAX];
    int fd;

    snprintf(path, sizeof(path), "%s/prog", tmpdir);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, im->buf, im->size), (ssize_t)im->size);
    assert_int_equal(close(fd), 0);
    return path;
}

/* Probe im; returns elf_probe's result, leaving img open for the caller. */
static int probe(struct elf_image *img, const struct image *im)
{
    return elf_probe(img, write_image(im));
}

static void expect_error(const struct image *im, const char *want)
{
    struct elf_image img;

    if (probe(&img, im) != -1) {
        fail_msg("no error, expected '%s'", want);
    }
    assert_string_equal(img.error, want);
    elf_image_close(&img);
}

/* ---- Probe ---------------------------------------------------------- */

static void test_probe_good(void **state)
{
    struct image im;
    struct elf_image img;

    (void)state;
    build(&im);
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.isa, GUEST_ISA_RISCV64);
    assert_int_equal(img.os, GUEST_OS_LINUX);
    assert_int_equal(img.type, ET_EXEC);
    assert_int_equal(img.e_flags, 5);
    assert_int_equal(img.entry, 0x10400);
    assert_int_equal(img.phoff, PHDR_OFF);
    assert_int_equal(img.phnum, NPHDR);
    assert_int_equal(img.phentsize, sizeof(Elf64_Phdr));
    assert_false(img.have_phdr);
    assert_string_equal(img.interp, INTERP);
    assert_int_equal(img.nsegs, 2);
    assert_int_equal(img.max_align, 0x1000);
    assert_int_equal(img.segs[0].vaddr, 0x10000);
    assert_int_equal(img.segs[0].memsz, 0x1000);
    assert_int_equal(img.segs[0].prot, PROT_READ | PROT_EXEC);
    assert_int_equal(img.segs[1].vaddr, 0x11000);
    assert_int_equal(img.segs[1].offset, 0x1000);
    assert_int_equal(img.segs[1].filesz, 0x100);
    assert_int_equal(img.segs[1].memsz, 0x2000);
    assert_int_equal(img.segs[1].prot, PROT_READ | PROT_WRITE);
    elf_image_close(&img);
    assert_int_equal(img.fd, -1);
}

static void test_probe_aarch64_dyn_phdr(void **state)
{
    struct image im;
    struct elf_image img;

    (void)state;
    build(&im);
    eh(&im)->e_machine = EM_AARCH64;
    eh(&im)->e_type = ET_DYN;
    *ph(&im, PH_NOTE) = (Elf64_Phdr){ .p_type = PT_PHDR, .p_flags = PF_R,
        .p_offset = PHDR_OFF, .p_vaddr = 0x10040, .p_filesz = NPHDR * 56,
        .p_memsz = NPHDR * 56, .p_align = 8 };
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.isa, GUEST_ISA_AARCH64);
    assert_int_equal(img.type, ET_DYN);
    assert_true(img.have_phdr);
    assert_int_equal(img.phdr_vaddr, 0x10040);
    elf_image_close(&img);
}

static void test_probe_static_no_interp(void **state)
{
    struct image im;
    struct elf_image img;

    (void)state;
    build(&im);
    ph(&im, PH_INTERP)->p_type = PT_NULL;
    assert_int_equal(probe(&img, &im), 0);
    assert_null(img.interp);
    elf_image_close(&img);
}

static void test_probe_freebsd(void **state)
{
    struct image im;
    struct elf_image img;

    (void)state;
    build(&im);
    eh(&im)->e_ident[EI_OSABI] = ELFOSABI_FREEBSD;
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.os, GUEST_OS_FREEBSD);
    elf_image_close(&img);

    build(&im);
    put_note(&im, 1);
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.os, GUEST_OS_FREEBSD);
    elf_image_close(&img);

    /* Owner FreeBSD but another type, or type 1 with another owner: Linux. */
    build(&im);
    put_note(&im, 2);
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.os, GUEST_OS_LINUX);
    elf_image_close(&img);
    build(&im);
    put_note(&im, 1);
    memcpy(im.buf + NOTE_OFF + 12, "NetBSD", 7);
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.os, GUEST_OS_LINUX);
    elf_image_close(&img);
}

/* The tag in a SHT_NOTE section with no PT_NOTE covering it. */
static void test_probe_freebsd_note_section(void **state)
{
    static const char shstr[] = "\0.note.tag\0.shstrtab";
    struct image im;
    struct elf_image img;
    Elf64_Shdr *sh;

    (void)state;
    build(&im);
    put_note(&im, 1);
    ph(&im, PH_NOTE)->p_type = PT_NULL;
    memcpy(im.buf + 0xa00, shstr, sizeof(shstr));
    eh(&im)->e_shoff = 0xa40;
    eh(&im)->e_shentsize = sizeof(Elf64_Shdr);
    eh(&im)->e_shnum = 3;
    eh(&im)->e_shstrndx = 2;
    sh = (Elf64_Shdr *)(im.buf + 0xa40);
    sh[1] = (Elf64_Shdr){ .sh_name = 1, .sh_type = SHT_NOTE, .sh_flags = SHF_ALLOC,
        .sh_addr = 0x10900, .sh_offset = NOTE_OFF, .sh_size = 24, .sh_addralign = 4 };
    sh[2] = (Elf64_Shdr){ .sh_name = 11, .sh_type = SHT_STRTAB, .sh_offset = 0xa00,
        .sh_size = sizeof(shstr), .sh_addralign = 1 };
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(img.os, GUEST_OS_FREEBSD);
    elf_image_close(&img);
}

static void test_probe_files(void **state)
{
    struct elf_image img;
    char path[PATH_MAX];

    (void)state;
    snprintf(path, sizeof(path), "%s/missing", tmpdir);
    assert_int_equal(elf_probe(&img, path), -1);
    assert_string_equal(img.error, "No such file or directory");
    elf_image_close(&img);
    assert_int_equal(elf_probe(&img, tmpdir), -1);
    assert_string_equal(img.error, "is a directory");
    elf_image_close(&img);
    assert_int_equal(elf_probe(&img, "/dev/null"), -1);
    assert_string_equal(img.error, "not a regular file");
    elf_image_close(&img);
}

static void test_probe_header_errors(void **state)
{
    struct image im;

    (void)state;
    build(&im);
    im.size = 0;
    expect_error(&im, "not an ELF file");
    build(&im);
    im.size = 3;
    expect_error(&im, "not an ELF file");
    build(&im);
    im.buf[1] = 'e';
    expect_error(&im, "not an ELF file");
    build(&im);
    im.size = 10;
    expect_error(&im, "truncated ELF header (10 of 64 bytes)");
    build(&im);
    im.size = 63;
    expect_error(&im, "truncated ELF header (63 of 64 bytes)");
    build(&im);
    eh(&im)->e_ident[EI_CLASS] = ELFCLASS32;
    im.size = 52;
    expect_error(&im, "32-bit ELF is not supported (only 64-bit guests)");
    build(&im);
    eh(&im)->e_ident[EI_CLASS] = 3;
    expect_error(&im, "bad ELF class 3");
    build(&im);
    eh(&im)->e_ident[EI_DATA] = ELFDATA2MSB;
    expect_error(&im, "big-endian ELF is not supported (only little-endian guests)");
    build(&im);
    eh(&im)->e_ident[EI_DATA] = 9;
    expect_error(&im, "bad ELF data encoding 9");
    build(&im);
    eh(&im)->e_ident[EI_VERSION] = 0;
    expect_error(&im, "bad ELF identification version 0");
    build(&im);
    eh(&im)->e_version = 7;
    expect_error(&im, "bad e_version 7");
    build(&im);
    eh(&im)->e_type = ET_REL;
    expect_error(&im, "not an executable (e_type ET_REL, an object file)");
    build(&im);
    eh(&im)->e_type = ET_CORE;
    expect_error(&im, "not an executable (e_type ET_CORE, a core dump)");
    build(&im);
    eh(&im)->e_type = 0x1234;
    expect_error(&im, "not an executable (e_type unknown)");
    build(&im);
    eh(&im)->e_machine = EM_X86_64;
    expect_error(&im, "unsupported machine x86-64");
    build(&im);
    eh(&im)->e_machine = EM_ARM;
    expect_error(&im, "unsupported machine ARM");
    build(&im);
    eh(&im)->e_machine = EM_MIPS;
    expect_error(&im, "unsupported machine MIPS");
    build(&im);
    eh(&im)->e_machine = 999;
    expect_error(&im, "unsupported machine 999");
    build(&im);
    eh(&im)->e_phentsize = 0;
    expect_error(&im, "bad e_phentsize 0 (expected 56)");
    build(&im);
    eh(&im)->e_phnum = 0;
    expect_error(&im, "no program headers");
    build(&im);
    eh(&im)->e_phnum = 1171;
    expect_error(&im, "too many program headers (1171)");
    build(&im);
    eh(&im)->e_phnum = 200;
    expect_error(&im, "program headers outside the file (e_phoff 0x40, 200 entries)");
    build(&im);
    im.size = PHDR_OFF + 100;
    expect_error(&im, "program headers outside the file (e_phoff 0x40, 4 entries)");
    build(&im);
    eh(&im)->e_phoff = UINT64_MAX - 8;
    expect_error(&im, "program headers outside the file (e_phoff 0xfffffffffffffff7, 4 entries)");
}

static void test_probe_segment_errors(void **state)
{
    struct image im;

    (void)state;
    build(&im);
    ph(&im, PH_TEXT)->p_align = 0x3000;
    expect_error(&im, "segment 1: p_align 0x3000 is not a power of two");
    build(&im);
    ph(&im, PH_TEXT)->p_align = 1ull << 48;
    expect_error(&im, "segment 1: p_align 0x1000000000000 is too large");
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = 0x11800;
    expect_error(&im, "segment 2: p_vaddr 0x11800 and p_offset 0x1000 disagree modulo "
                 "p_align 0x1000");
    build(&im);
    ph(&im, PH_DATA)->p_filesz = 0x2001;
    expect_error(&im, "segment 2: p_filesz 0x2001 > p_memsz 0x2000");
    build(&im);
    ph(&im, PH_DATA)->p_memsz = 1ull << 63;
    expect_error(&im, "segment 2: p_vaddr 0x11000 + p_memsz 0x8000000000000000 is too large");
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = UINT64_MAX - 0xfff;
    expect_error(&im, "segment 2: p_vaddr 0xfffffffffffff000 + p_memsz 0x2000 is too large");
    build(&im);
    ph(&im, PH_DATA)->p_offset = UINT64_MAX - 0xfff;
    ph(&im, PH_DATA)->p_filesz = 0x1001;
    expect_error(&im, "segment 2: p_offset + p_filesz overflows");
    build(&im);
    ph(&im, PH_DATA)->p_filesz = 0x1001;
    expect_error(&im, "segment 2 outside the file (offset 0x1000 size 0x1001, file 0x2000)");
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = 0x8000;
    expect_error(&im, "segment 2: PT_LOAD segments not sorted by address");
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = 0x10000;
    expect_error(&im, "segment 2: PT_LOAD segments overlap at 0x10000");
    build(&im);
    ph(&im, PH_TEXT)->p_type = PT_NULL;
    ph(&im, PH_DATA)->p_type = PT_NULL;
    expect_error(&im, "no PT_LOAD segment");
    build(&im);
    eh(&im)->e_entry = 0x11000;
    expect_error(&im, "entry point 0x11000 is not in an executable segment");
    build(&im);
    eh(&im)->e_entry = 0x13000;
    expect_error(&im, "entry point 0x13000 is not in an executable segment");
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = (1ull << 47) + 0x10000;
    expect_error(&im, "segments span more than the guest address space");
    build(&im);
    ph(&im, PH_NOTE)->p_filesz = 0x10000;
    expect_error(&im, "PT_NOTE outside the file");
}

static void test_probe_interp_errors(void **state)
{
    struct image im;

    (void)state;
    build(&im);
    *ph(&im, PH_NOTE) = *ph(&im, PH_INTERP);
    expect_error(&im, "more than one PT_INTERP");
    build(&im);
    ph(&im, PH_INTERP)->p_offset = BASE_SIZE - 4;
    expect_error(&im, "PT_INTERP outside the file (offset 0x1ffc size 0x21)");
    build(&im);
    ph(&im, PH_INTERP)->p_filesz = 1;
    expect_error(&im, "bad PT_INTERP length 1");
    build(&im);
    im.size = IMG_MAX;
    ph(&im, PH_INTERP)->p_offset = 0x1000;
    ph(&im, PH_INTERP)->p_filesz = PATH_MAX;
    expect_error(&im, "bad PT_INTERP length 4096");
    build(&im);
    im.buf[INTERP_OFF + sizeof(INTERP) - 1] = 'x';
    expect_error(&im, "interpreter path is not NUL-terminated");
    build(&im);
    im.buf[INTERP_OFF + 3] = '\0';
    expect_error(&im, "interpreter path has an embedded NUL");
    build(&im);
    memcpy(im.buf + INTERP_OFF, "ld.so\n\x1b[31m", 12);
    ph(&im, PH_INTERP)->p_filesz = 12;
    expect_error(&im, "interpreter path 'ld.so??[31m' is not absolute");
}

static void test_machine_names(void **state)
{
    (void)state;
    assert_string_equal(elf_machine_name(EM_RISCV), "riscv64");
    assert_string_equal(elf_machine_name(EM_X86_64), "x86-64");
    assert_string_equal(elf_machine_name(EM_386), "i386");
    assert_null(elf_machine_name(0x7777));
}

/* ---- Loader with recording fake ops ---------------------------------- */

enum call_kind { C_ANON, C_FILE, C_RESERVE, C_PROTECT, C_UNMAP };

struct call {
    enum call_kind kind;
    guest_addr addr, len;
    int prot;
    uint64_t offset;        /* map_file offset; reserve alignment */
};

#define WINDOW      (64ull << 20)   /* host reservation behind the guest window */
#define WINDOW_LO   0x10000ull      /* guest address at its start */
#define RESERVE_AT  0x400000ull     /* where the fake reserve puts ET_DYN */

static struct call calls[32];
static unsigned ncalls;
static int fail_kind = -1;          /* this kind of call fails ... */
static unsigned fail_nth;           /* ... the nth time (0: first) */
static void *window;

static int64_t record(enum call_kind kind, guest_addr addr, guest_addr len, int prot,
                      uint64_t offset)
{
    unsigned seen = 0;

    assert_true(ncalls < 32);
    calls[ncalls++] = (struct call){ kind, addr, len, prot, offset };
    for (unsigned i = 0; i + 1 < ncalls; i++) {
        seen += calls[i].kind == kind;
    }
    if ((int)kind == fail_kind && seen == fail_nth) {
        return -ENOMEM;
    }
    /* Everything must stay inside the host window. */
    assert_true(addr >= WINDOW_LO && addr + len <= WINDOW_LO + WINDOW);
    return 0;
}

static int64_t fake_map_anon(guest_addr addr, guest_addr len, int prot, bool fixed)
{
    int64_t r = record(C_ANON, addr, len, prot, fixed);

    if (r == 0) {
        assert_true(mmap(g2h(addr), len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                         -1, 0) != MAP_FAILED);
    }
    return r < 0 ? r : (int64_t)addr;
}

static int64_t fake_map_file(guest_addr addr, guest_addr len, int prot, int fd,
                             uint64_t offset)
{
    int64_t r = record(C_FILE, addr, len, prot, offset);

    if (r == 0) {
        assert_true(mmap(g2h(addr), len, prot, MAP_PRIVATE | MAP_FIXED, fd,
                         (off_t)offset) != MAP_FAILED);
    }
    return r < 0 ? r : (int64_t)addr;
}

static int64_t fake_reserve(guest_addr hint, guest_addr len, guest_addr align)
{
    int64_t r = record(C_RESERVE, hint, len, PROT_NONE, align);

    return r < 0 ? r : (int64_t)RESERVE_AT;
}

static int fake_protect(guest_addr addr, guest_addr len, int prot)
{
    int64_t r = record(C_PROTECT, addr, len, prot, 0);

    if (r == 0) {
        assert_int_equal(mprotect(g2h(addr), len, prot), 0);
    }
    return (int)r;
}

static int fake_unmap(guest_addr addr, guest_addr len)
{
    int64_t r = record(C_UNMAP, addr, len, PROT_NONE, 0);

    assert_true(mmap(g2h(addr), len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
                     MAP_FIXED | MAP_NORESERVE, -1, 0) != MAP_FAILED);
    return (int)r;
}

static const struct personality_mmap_ops fake_ops = {
    .map_anon = fake_map_anon,
    .map_file = fake_map_file,
    .reserve = fake_reserve,
    .protect = fake_protect,
    .unmap = fake_unmap,
};

static int setup_fake(void **state)
{
    (void)state;
    window = mmap(NULL, WINDOW, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                  -1, 0);
    if (window == MAP_FAILED) {
        return -1;
    }
    guest_base = (uintptr_t)window - WINDOW_LO;
    guest_addr_max = (1ull << 47) - 1;
    ncalls = 0;
    fail_kind = -1;
    fail_nth = 0;
    return 0;
}

static int teardown_fake(void **state)
{
    (void)state;
    munmap(window, WINDOW);
    guest_base = 0;
    guest_addr_max = 0;
    return 0;
}

static void expect_call(unsigned i, enum call_kind kind, guest_addr addr, guest_addr len,
                        int prot, uint64_t offset)
{
    assert_true(i < ncalls);
    assert_int_equal(calls[i].kind, kind);
    assert_int_equal(calls[i].addr, addr);
    assert_int_equal(calls[i].len, len);
    assert_int_equal(calls[i].prot, prot);
    assert_int_equal(calls[i].offset, offset);
}

static bool all_bytes(guest_addr addr, size_t len, unsigned char v)
{
    const unsigned char *p = g2h(addr);

    for (size_t i = 0; i < len; i++) {
        if (p[i] != v) {
            return false;
        }
    }
    return true;
}

static int load(struct elf_image *img, const struct image *im, guest_addr tps,
                struct elf_load_info *info)
{
    assert_int_equal(probe(img, im), 0);
    return elf_load(img, &fake_ops, tps, info);
}

#define RW (PROT_READ | PROT_WRITE)
#define RX (PROT_READ | PROT_EXEC)

static void test_load_exec(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 3);
    expect_call(0, C_FILE, 0x10000, 0x1000, RX, 0);
    expect_call(1, C_FILE, 0x11000, 0x1000, RW, 0x1000);
    expect_call(2, C_ANON, 0x12000, 0x1000, RW, 1);
    assert_true(all_bytes(0x11000, 0x100, 0xa5));
    assert_true(all_bytes(0x11100, 0x1f00, 0));
    assert_memory_equal(g2h(0x10000), im.buf, 0x1000);
    assert_int_equal(info.isa, GUEST_ISA_RISCV64);
    assert_int_equal(info.os, GUEST_OS_LINUX);
    assert_int_equal(info.type, ET_EXEC);
    assert_int_equal(info.e_flags, 5);
    assert_int_equal(info.load_bias, 0);
    assert_int_equal(info.load_addr, 0x10000);
    assert_int_equal(info.load_end, 0x13000);
    assert_int_equal(info.entry, 0x10400);
    assert_int_equal(info.phdr, 0x10040);
    assert_int_equal(info.phnum, NPHDR);
    assert_int_equal(info.phentsize, 56);
    assert_int_equal(info.start_code, 0x10000);
    assert_int_equal(info.end_code, 0x11000);
    assert_int_equal(info.start_data, 0x11000);
    assert_int_equal(info.end_data, 0x11100);
    assert_int_equal(info.brk, 0x13000);
    assert_string_equal(info.interp, INTERP);
    assert_int_equal(info.stack_prot, -1);
    elf_image_close(&img);
}

/* A read-only segment with bss: its last file page is made writable to zero it. */
static void test_load_readonly_bss(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_flags = PF_R;
    ph(&im, PH_DATA)->p_memsz = 0x1800;
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 5);
    expect_call(1, C_FILE, 0x11000, 0x1000, PROT_READ, 0x1000);
    expect_call(2, C_PROTECT, 0x11000, 0x1000, RW, 0);
    expect_call(3, C_PROTECT, 0x11000, 0x1000, PROT_READ, 0);
    expect_call(4, C_ANON, 0x12000, 0x1000, PROT_READ, 1);
    assert_true(all_bytes(0x11000, 0x100, 0xa5));
    assert_true(all_bytes(0x11100, 0x1f00, 0));
    /* No writable segment: the data range is empty, at the end of code. */
    assert_int_equal(info.start_data, 0x11000);
    assert_int_equal(info.end_data, 0x11000);
    elf_image_close(&img);
}

/* memsz == filesz: the file's bytes after the segment stay (no bss). */
static void test_load_no_bss(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_memsz = 0x100;
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 2);
    assert_true(all_bytes(0x11100, 0xf00, 0xee));
    assert_int_equal(info.brk, 0x12000);
    elf_image_close(&img);
}

/* An empty PT_LOAD maps nothing; PT_GNU_STACK's flags are kept. */
static void test_load_empty_segment_gnu_stack(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_vaddr = 0x11800;
    ph(&im, PH_DATA)->p_offset = 0x1800;
    ph(&im, PH_DATA)->p_filesz = 0;
    ph(&im, PH_DATA)->p_memsz = 0;
    *ph(&im, PH_NOTE) = (Elf64_Phdr){ .p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W };
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 1);
    expect_call(0, C_FILE, 0x10000, 0x1000, RX, 0);
    assert_int_equal(info.stack_prot, RW);
    elf_image_close(&img);
}

/* bss only (p_filesz 0): one anonymous mapping. */
static void test_load_bss_only(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_filesz = 0;
    ph(&im, PH_DATA)->p_memsz = 0x2800;
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 2);
    expect_call(1, C_ANON, 0x11000, 0x3000, RW, 1);
    assert_int_equal(info.brk, 0x14000);
    elf_image_close(&img);
}

static void test_load_dyn(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    eh(&im)->e_type = ET_DYN;
    ph(&im, PH_TEXT)->p_align = 0x10000;
    *ph(&im, PH_NOTE) = (Elf64_Phdr){ .p_type = PT_PHDR, .p_flags = PF_R,
        .p_offset = PHDR_OFF, .p_vaddr = 0x10040, .p_filesz = NPHDR * 56,
        .p_memsz = NPHDR * 56, .p_align = 8 };
    assert_int_equal(load(&img, &im, 0x1000, &info), 0);
    assert_int_equal(ncalls, 4);
    /* The span from the 64 KiB-aligned start, aligned to the largest p_align. */
    expect_call(0, C_RESERVE, 0x10000, 0x3000, PROT_NONE, 0x10000);
    expect_call(1, C_FILE, RESERVE_AT, 0x1000, RX, 0);
    expect_call(2, C_FILE, RESERVE_AT + 0x1000, 0x1000, RW, 0x1000);
    expect_call(3, C_ANON, RESERVE_AT + 0x2000, 0x1000, RW, 1);
    assert_int_equal(info.load_bias, RESERVE_AT - 0x10000);
    assert_int_equal(info.load_addr, RESERVE_AT);
    assert_int_equal(info.entry, RESERVE_AT + 0x400);
    assert_int_equal(info.phdr, RESERVE_AT + 0x40);
    assert_int_equal(info.brk, RESERVE_AT + 0x3000);
    assert_true(all_bytes(RESERVE_AT + 0x1100, 0x1f00, 0));
    elf_image_close(&img);
}

/* Alignment at least the target page size; larger pages round wider. */
static void test_load_dyn_tps(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    eh(&im)->e_type = ET_DYN;
    ph(&im, PH_DATA)->p_vaddr = 0x20000;
    ph(&im, PH_DATA)->p_offset = 0x0;
    ph(&im, PH_DATA)->p_filesz = 0x1100;
    ph(&im, PH_DATA)->p_memsz = 0x1100;
    assert_int_equal(load(&img, &im, 0x10000, &info), 0);
    expect_call(0, C_RESERVE, 0x10000, 0x20000, PROT_NONE, 0x10000);
    expect_call(1, C_FILE, RESERVE_AT, 0x10000, RX, 0);
    expect_call(2, C_FILE, RESERVE_AT + 0x10000, 0x10000, RW, 0);
    assert_int_equal(ncalls, 3);
    assert_int_equal(info.brk, RESERVE_AT + 0x20000);
    elf_image_close(&img);
}

static void test_load_page_congruence(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_align = 0;
    ph(&im, PH_DATA)->p_vaddr = 0x11100;
    assert_int_equal(load(&img, &im, 0x1000, &info), -EINVAL);
    assert_string_equal(img.error, "PT_LOAD 1: p_vaddr 0x11100 and p_offset 0x1000 "
                        "differ modulo the page size 0x1000");
    assert_int_equal(ncalls, 0);
    elf_image_close(&img);
}

static void test_load_outside_guest_space(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    guest_addr_max = 0x11fff;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "segments at 0x10000-0x12fff lie outside the guest "
                        "address space");
    assert_int_equal(ncalls, 0);
    elf_image_close(&img);
}

static void test_load_failure_undoes_exec(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    fail_kind = C_ANON;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "cannot map segment at 0x11000: Cannot allocate memory");
    assert_int_equal(ncalls, 5);
    expect_call(3, C_UNMAP, 0x10000, 0x1000, PROT_NONE, 0);
    expect_call(4, C_UNMAP, 0x11000, 0x1000, PROT_NONE, 0);
    elf_image_close(&img);

    /* The first map_file fails: nothing to undo. */
    build(&im);
    ncalls = 0;
    fail_kind = C_FILE;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "cannot map segment at 0x10000: Cannot allocate memory");
    assert_int_equal(ncalls, 1);
    elf_image_close(&img);
}

static void test_load_failure_undoes_dyn(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    eh(&im)->e_type = ET_DYN;
    fail_kind = C_FILE;
    fail_nth = 1;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "cannot map segment at 0x401000: Cannot allocate memory");
    assert_int_equal(ncalls, 4);
    expect_call(3, C_UNMAP, RESERVE_AT, 0x3000, PROT_NONE, 0);
    elf_image_close(&img);

    build(&im);
    eh(&im)->e_type = ET_DYN;
    ncalls = 0;
    fail_kind = C_RESERVE;
    fail_nth = 0;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "cannot reserve 0x3000 bytes for the program: "
                        "Cannot allocate memory");
    assert_int_equal(ncalls, 1);
    elf_image_close(&img);
}

/* A failing protect while zeroing a read-only bss page also undoes. */
static void test_load_failure_in_zeroing(void **state)
{
    struct image im;
    struct elf_image img;
    struct elf_load_info info;

    (void)state;
    build(&im);
    ph(&im, PH_DATA)->p_flags = PF_R;
    fail_kind = C_PROTECT;
    assert_int_equal(load(&img, &im, 0x1000, &info), -ENOMEM);
    assert_string_equal(img.error, "cannot map segment at 0x11000: Cannot allocate memory");
    expect_call(ncalls - 1, C_UNMAP, 0x11000, 0x1000, PROT_NONE, 0);
    expect_call(ncalls - 2, C_UNMAP, 0x10000, 0x1000, PROT_NONE, 0);
    elf_image_close(&img);
}

/* ---- Loader with the real Linux personality -------------------------- */

struct walk {
    guest_addr start[8], last[8];
    unsigned flags[8];
    unsigned n;
};

static int collect(void *opaque, guest_addr start, guest_addr last, unsigned flags)
{
    struct walk *w = opaque;

    /* Adjacent ranges differing only in bookkeeping bits count as one. */
    if (w->n > 0 && w->last[w->n - 1] + 1 == start &&
        w->flags[w->n - 1] == (flags & PAGE_RWX)) {
        w->last[w->n - 1] = last;
        return 0;
    }
    assert_true(w->n < 8);
    w->start[w->n] = start;
    w->last[w->n] = last;
    w->flags[w->n] = flags & PAGE_RWX;
    w->n++;
    return 0;
}

static void test_load_linux_personality(void **state)
{
    struct guest_space_config cfg = { .reserved_va = 1ull << 30 };
    struct image im;
    struct elf_image img;
    struct elf_load_info info;
    struct walk w = { .n = 0 };

    (void)state;
    assert_int_equal(guest_space_init(&cfg), 0);
    build(&im);
    eh(&im)->e_type = ET_DYN;
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(elf_load(&img, linux_user_personality.mmap, target_page_size, &info), 0);
    assert_int_equal(info.load_addr, info.load_bias + 0x10000);
    page_table_walk(guest_pages, 0, guest_addr_max, collect, &w);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.start[0], info.load_addr);
    assert_int_equal(w.last[0], info.load_addr + 0xfff);
    assert_int_equal(w.flags[0], RX);
    assert_int_equal(w.start[1], info.load_addr + 0x1000);
    assert_int_equal(w.last[1], info.load_addr + 0x2fff);
    assert_int_equal(w.flags[1], RW);
    assert_true(all_bytes(info.load_addr + 0x1000, 0x100, 0xa5));
    assert_true(all_bytes(info.load_addr + 0x1100, 0x1f00, 0));
    elf_image_close(&img);
    guest_space_reset();
}

/*
 * Host pages larger than guest pages (-p): text and data share one host
 * page, so the backend builds fragments; contents and flags must still be
 * exactly the guest's, for ET_EXEC and for the FreeBSD personality too.
 */
static void load_with_hps(guest_addr hps, const struct personality *pers, bool dyn,
                          size_t file_size)
{
    struct guest_space_config cfg = { .host_page_size = hps, .reserved_va = 1ull << 30 };
    struct image im;
    struct elf_image img;
    struct elf_load_info info;
    struct walk w = { .n = 0 };
    guest_addr b;

    assert_int_equal(guest_space_init(&cfg), 0);
    build(&im);
    im.size = file_size;
    if (dyn) {
        eh(&im)->e_type = ET_DYN;
    }
    assert_int_equal(probe(&img, &im), 0);
    assert_int_equal(elf_load(&img, pers->mmap, target_page_size, &info), 0);
    b = info.load_bias;
    page_table_walk(guest_pages, 0, guest_addr_max, collect, &w);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.start[0], b + 0x10000);
    assert_int_equal(w.last[0], b + 0x10fff);
    assert_int_equal(w.flags[0], RX);
    assert_int_equal(w.start[1], b + 0x11000);
    assert_int_equal(w.last[1], b + 0x12fff);
    assert_int_equal(w.flags[1], RW);
    assert_memory_equal(g2h(b + 0x10000), im.buf, 0x1000);
    assert_true(all_bytes(b + 0x11000, 0x100, 0xa5));
    assert_true(all_bytes(b + 0x11100, 0x1f00, 0));
    elf_image_close(&img);
    guest_space_reset();
}

static void test_load_hps_16k(void **state)
{
    (void)state;
    load_with_hps(16384, &linux_user_personality, false, IMG_MAX);
    load_with_hps(16384, &linux_user_personality, true, IMG_MAX);
    /* The file ends inside the host page: no SIGBUS past EOF. */
    load_with_hps(16384, &linux_user_personality, false, BASE_SIZE);
}

static void test_load_hps_64k(void **state)
{
    (void)state;
    load_with_hps(65536, &linux_user_personality, false, IMG_MAX);
    load_with_hps(65536, &linux_user_personality, true, IMG_MAX);
    load_with_hps(65536, &linux_user_personality, true, BASE_SIZE);
}

static void test_load_bsd_personality(void **state)
{
    (void)state;
    load_with_hps(4096, &bsd_user_personality, false, BASE_SIZE);
    load_with_hps(65536, &bsd_user_personality, true, IMG_MAX);
    load_with_hps(16384, &bsd_user_personality, false, BASE_SIZE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_probe_good),
        cmocka_unit_test(test_probe_aarch64_dyn_phdr),
        cmocka_unit_test(test_probe_static_no_interp),
        cmocka_unit_test(test_probe_freebsd),
        cmocka_unit_test(test_probe_freebsd_note_section),
        cmocka_unit_test(test_probe_files),
        cmocka_unit_test(test_probe_header_errors),
        cmocka_unit_test(test_probe_segment_errors),
        cmocka_unit_test(test_probe_interp_errors),
        cmocka_unit_test(test_machine_names),
        cmocka_unit_test_setup_teardown(test_load_exec, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_readonly_bss, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_no_bss, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_bss_only, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_empty_segment_gnu_stack, setup_fake,
                                        teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_dyn, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_dyn_tps, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_page_congruence, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_outside_guest_space, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_failure_undoes_exec, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_failure_undoes_dyn, setup_fake, teardown_fake),
        cmocka_unit_test_setup_teardown(test_load_failure_in_zeroing, setup_fake, teardown_fake),
        cmocka_unit_test(test_load_linux_personality),
        cmocka_unit_test(test_load_hps_16k),
        cmocka_unit_test(test_load_hps_64k),
        cmocka_unit_test(test_load_bsd_personality),
    };
    int r;

    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    r = cmocka_run_group_tests_name("elf", tests, NULL, NULL);
    {
        char path[PATH_MAX];

        snprintf(path, sizeof(path), "%s/prog", tmpdir);
        unlink(path);
        rmdir(tmpdir);
    }
    return r;
}
