/*
 * The guest core file's notes (linux-user/elf-core.c) and name
 * (linux-user/core-name.c).  Offsets are written from the uapi headers
 * (linux/elfcore.h, asm/ptrace.h of riscv64) and checked once with
 * riscv64-linux-gnu-gcc's <sys/procfs.h>: sizeof(struct elf_prstatus)
 * 376, pr_cursig at 12, pr_sigpend 16, pr_pid 32, pr_utime 48, pr_reg
 * 112, pr_fpvalid 368; sizeof(struct elf_prpsinfo) 136, pr_flag 8,
 * pr_uid 16, pr_pid 24, pr_fname 40, pr_psargs 56; struct
 * __riscv_d_ext_state 264 bytes.
 */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "linux-user/elf-core.h"
#include "target/riscv64/cpu.h"
#include "uemu/page-table.h"

enum {
    K_PRSTATUS_SIZE = 376, K_CURSIG = 12, K_SIGPEND = 16, K_SIGHOLD = 24, K_PID = 32,
    K_PPID = 36, K_UTIME = 48, K_REG = 112, K_FPVALID = 368,
    K_PRPSINFO_SIZE = 136, K_PS_SNAME = 1, K_PS_FLAG = 8, K_PS_UID = 16, K_PS_PID = 24,
    K_PS_FNAME = 40, K_PS_PSARGS = 56,
    K_FPREGS_SIZE = 264, K_FCSR = 256,
};

static uint64_t at64(const uint8_t *p, size_t off)
{
    uint64_t v;

    memcpy(&v, p + off, 8);
    return v;
}

static uint32_t at32(const uint8_t *p, size_t off)
{
    uint32_t v;

    memcpy(&v, p + off, 4);
    return v;
}

static void test_layout_sizes(void **state)
{
    (void)state;
    assert_int_equal(lu_core_prstatus_size(&lu_core_riscv64), K_PRSTATUS_SIZE);
    assert_int_equal(sizeof(struct lu_core_prpsinfo), K_PRPSINFO_SIZE);
    assert_int_equal(offsetof(struct lu_core_prstatus_common, cursig), K_CURSIG);
    assert_int_equal(offsetof(struct lu_core_prstatus_common, sigpend), K_SIGPEND);
    assert_int_equal(offsetof(struct lu_core_prstatus_common, pid), K_PID);
    assert_int_equal(offsetof(struct lu_core_prstatus_common, utime), K_UTIME);
    assert_int_equal(offsetof(struct lu_core_prpsinfo, flag), K_PS_FLAG);
    assert_int_equal(offsetof(struct lu_core_prpsinfo, uid), K_PS_UID);
    assert_int_equal(offsetof(struct lu_core_prpsinfo, pid), K_PS_PID);
    assert_int_equal(offsetof(struct lu_core_prpsinfo, fname), K_PS_FNAME);
    assert_int_equal(offsetof(struct lu_core_prpsinfo, psargs), K_PS_PSARGS);
    assert_int_equal(lu_core_riscv64.fpregs_size, K_FPREGS_SIZE);
    assert_int_equal(lu_core_riscv64.machine, EM_RISCV);
}

/* One note of the segment: its type, desc and desc size. */
struct note {
    uint32_t type;
    const uint8_t *desc;
    size_t size;
};

static size_t split_notes(const uint8_t *p, size_t len, struct note *out, size_t max)
{
    size_t n = 0, o = 0;

    while (o + 12 <= len && n < max) {
        Elf64_Nhdr h;

        memcpy(&h, p + o, sizeof(h));
        assert_int_equal(h.n_namesz, 5);
        assert_memory_equal(p + o + 12, "CORE", 5);
        out[n].type = h.n_type;
        out[n].desc = p + o + 12 + 8;
        out[n].size = h.n_descsz;
        o += 12 + 8 + ((h.n_descsz + 3) & ~3u);
        n++;
    }
    assert_int_equal(o, len);
    return n;
}

static void test_notes(void **state)
{
    static const uint64_t auxv[] = { 6, 4096, 9, 0x10078, 0, 0 };
    static const struct lu_core_map maps[] = {
        { 0x10000, 0x12000, PAGE_READ | PAGE_EXEC, "/bin/prog", 0 },
        { 0x12000, 0x13000, PAGE_READ | PAGE_WRITE, "/bin/prog", 0x2000 },
        { 0x40000000, 0x40800000, PAGE_READ | PAGE_WRITE | PAGE_ANON, NULL, 0 },
        { 0x50000000, 0x50001000, PAGE_READ, "/lib/libc.so.6", 0x5000 },
    };
    struct rv_cpu env = { .pc = 0x10abc, .fflags = 0x3, .frm = 2 };
    struct lu_core_facts f = {
        .isa = &lu_core_riscv64, .env = &env, .sig = 11,
        .info = { .signo = 11, .code = 1 },
        .pid = 100, .tid = 101, .ppid = 50, .pgrp = 100, .sid = 40, .uid = 1000, .gid = 1001,
        .flag = 0x400600, .sighold = 0x4000,
        .utime = { 1, 500 },
        .fname = "prog", .psargs = "./prog a b ",
        .auxv = auxv, .auxv_words = 6, .maps = maps, .nmaps = 4,
    };
    struct note n[8];
    size_t len, count;
    uint8_t *p;
    const uint8_t *d;

    (void)state;
    for (int i = 1; i < 32; i++)
        env.x[i] = 0x1000 + (uint64_t)i;
    for (int i = 0; i < 32; i++)
        env.f[i] = 0xf000 + (uint64_t)i;
    p = lu_core_notes(&f, &len);
    assert_non_null(p);
    count = split_notes(p, len, n, 8);
    assert_int_equal(count, 6);
    /* The kernel's order for the dumping thread. */
    assert_int_equal(n[0].type, NT_PRSTATUS);
    assert_int_equal(n[1].type, NT_PRPSINFO);
    assert_int_equal(n[2].type, 0x53494749);        /* NT_SIGINFO */
    assert_int_equal(n[3].type, NT_AUXV);
    assert_int_equal(n[4].type, 0x46494c45);        /* NT_FILE */
    assert_int_equal(n[5].type, NT_FPREGSET);

    d = n[0].desc;
    assert_int_equal(n[0].size, K_PRSTATUS_SIZE);
    assert_int_equal(at32(d, 0), 11);               /* pr_info.si_signo */
    assert_int_equal(at32(d, 4), 0);                /* si_code: the kernel leaves 0 */
    assert_int_equal(d[K_CURSIG], 11);
    assert_int_equal(at64(d, K_SIGHOLD), 0x4000);
    assert_int_equal(at32(d, K_PID), 101);          /* the thread */
    assert_int_equal(at32(d, K_PPID), 50);
    assert_int_equal(at64(d, K_UTIME), 1);
    assert_int_equal(at64(d, K_UTIME + 8), 500);
    assert_int_equal(at64(d, K_REG), 0x10abc);      /* pc, then x1..x31 */
    assert_int_equal(at64(d, K_REG + 8), 0x1001);   /* ra */
    assert_int_equal(at64(d, K_REG + 8 * 31), 0x101f);  /* t6 */
    assert_int_equal(at32(d, K_FPVALID), 1);

    d = n[1].desc;
    assert_int_equal(n[1].size, K_PRPSINFO_SIZE);
    assert_int_equal(d[K_PS_SNAME], 'R');
    assert_int_equal(at64(d, K_PS_FLAG), 0x400600);
    assert_int_equal(at32(d, K_PS_UID), 1000);
    assert_int_equal(at32(d, K_PS_UID + 4), 1001);
    assert_int_equal(at32(d, K_PS_PID), 100);       /* the process */
    assert_string_equal((const char *)d + K_PS_FNAME, "prog");
    assert_string_equal((const char *)d + K_PS_PSARGS, "./prog a b ");

    assert_int_equal(n[2].size, 128);
    assert_int_equal(at32(n[2].desc, 8), 1);        /* si_code */
    assert_int_equal(n[3].size, sizeof(auxv));
    assert_memory_equal(n[3].desc, auxv, sizeof(auxv));

    /* NT_FILE: 3 file mappings, offsets in pages, then the paths. */
    d = n[4].desc;
    assert_int_equal(at64(d, 0), 3);
    assert_int_equal(at64(d, 8), 4096);
    assert_int_equal(at64(d, 16), 0x10000);
    assert_int_equal(at64(d, 24), 0x12000);
    assert_int_equal(at64(d, 32), 0);
    assert_int_equal(at64(d, 40 + 16), 2);
    assert_int_equal(at64(d, 64 + 16), 5);
    assert_string_equal((const char *)d + 16 + 72, "/bin/prog");
    assert_string_equal((const char *)d + 16 + 72 + 10, "/bin/prog");
    assert_string_equal((const char *)d + 16 + 72 + 20, "/lib/libc.so.6");
    assert_int_equal(n[4].size, 16 + 72 + 20 + 15);

    d = n[5].desc;
    assert_int_equal(n[5].size, K_FPREGS_SIZE);
    assert_int_equal(at64(d, 0), 0xf000);
    assert_int_equal(at64(d, 8 * 31), 0xf01f);
    assert_int_equal(at32(d, K_FCSR), 2 << 5 | 3);
    assert_int_equal(at32(d, K_FCSR + 4), 0);
    free(p);
}

static const struct lu_core_name_facts nf = {
    .pid = 1234, .tid = 1235, .uid = 1000, .gid = 100, .sig = 6, .dumpable = 1, .cpu = 3,
    .time = 1700000000, .limit = 4096, .comm = "prog", .hostname = "box",
    .exe = "/usr/bin/my prog",
};

static const char *name(const char *pattern, bool uses_pid, const struct lu_core_name_facts *f)
{
    static char buf[256];

    assert_true(lu_core_name(buf, sizeof(buf), pattern, uses_pid, f));
    return buf;
}

static void test_name_pattern(void **state)
{
    (void)state;
    assert_string_equal(name("core", false, &nf), "core");
    assert_string_equal(name("core", true, &nf), "core.1234");
    assert_string_equal(name("core.%p", true, &nf), "core.1234");
    /* %P is the pid too, but only %p stops core_uses_pid's suffix. */
    assert_string_equal(name("c.%P", true, &nf), "c.1234.1234");
    assert_string_equal(name("/tmp/%e-%s-%u-%g-%t-%h", false, &nf),
                        "/tmp/prog-6-1000-100-1700000000-box");
    assert_string_equal(name("%i.%I.%c.%d.%C", false, &nf), "1235.1235.4096.1.3");
    assert_string_equal(name("%f|%E", false, &nf), "my prog|!usr!bin!my prog");
    /* %% is one %, an unknown specifier and a trailing % nothing. */
    assert_string_equal(name("a%%b%qc%", false, &nf), "a%bc");
}

static void test_name_escapes(void **state)
{
    struct lu_core_name_facts f = nf;

    (void)state;
    f.comm = "a/b";
    assert_string_equal(name("%e.core", false, &f), "a!b.core");
    f.comm = "..";
    assert_string_equal(name("x/%e/core", false, &f), "x/!./core");
    f.comm = ".";
    assert_string_equal(name("%e", false, &f), "!");
    f.comm = ".x";
    assert_string_equal(name("%e", false, &f), ".x");
    f.hostname = "";
    assert_string_equal(name("%h-core", false, &f), "!-core");
}

static void test_name_pipe(void **state)
{
    char small[10];

    (void)state;
    /* A pipe or socket pattern: "core" in the working directory. */
    assert_string_equal(name("|/usr/lib/systemd/systemd-coredump %P %u", false, &nf), "core");
    assert_string_equal(name("|/bin/helper %p", true, &nf), "core.1234");
    assert_string_equal(name("@/run/coredump.socket", false, &nf), "core");
    assert_false(lu_core_name(small, sizeof(small), "core.%e.%p", false, &nf));
    assert_true(lu_core_name(small, sizeof(small), "core.%p", false, &nf));
    assert_string_equal(small, "core.1234");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout_sizes),
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_name_pattern),
        cmocka_unit_test(test_name_escapes),
        cmocka_unit_test(test_name_pipe),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
