/*
 * /proc emulation: the generated maps, smaps, auxv, cmdline, stat and
 * cpuinfo of a process laid out by hand (a file mapped as code, a stack
 * from lu_build_stack, a grown brk), which paths are emulated, and the
 * openat/readlinkat entry points.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/syscall-nr.h"
#include "uemu/elfload.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user-proc.h"
#include "uemu/linux-user.h"
#include "uemu/page-table.h"
#include "uemu/personality.h"

#define PG 4096

static char dir[64], prog[128], real_prog[256];
static struct lu_initial_stack st;
static struct elf_load_info exe;
static guest_addr code, heap_end;
static char *const argv[] = { "a-very-long-program-name", "a", "b c", NULL };
static char *const envp[] = { "K=v", NULL };

static int setup(void **state)
{
    (void)state;
    struct guest_space_config cfg = { 0 };
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;
    static char page[4 * PG];

    assert_int_equal(guest_space_init(&cfg), 0);
    lu_set_abi(&lu_abi_riscv64);
    snprintf(dir, sizeof(dir), "/tmp/uemu-proc-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(prog, sizeof(prog), "%s/a-very-long-program-name", dir);
    int fd = open(prog, O_RDWR | O_CREAT | O_TRUNC, 0755);
    assert_true(fd >= 0);
    memset(page, 0x13, sizeof(page));
    assert_int_equal(write(fd, page, sizeof(page)), sizeof(page));
    assert_non_null(realpath(prog, real_prog));

    /* Code: file pages 1-2 read+exec at a free spot; then room for brk. */
    int64_t base = ops->reserve(0, 16 * PG, PG);
    assert_true(base > 0);
    code = (guest_addr)base;
    assert_int_equal(ops->map_file(code, 2 * PG, PROT_READ | PROT_EXEC, fd, PG), (int64_t)code);
    assert_int_equal(ops->unmap(code + 2 * PG, 14 * PG), 0);
    close(fd);
    exe = (struct elf_load_info){
        .entry = code, .phdr = code + 64, .phnum = 1, .phentsize = 56,
        .start_code = code, .end_code = code + 2 * PG - 100,
        .start_data = code + 2 * PG, .end_data = code + 2 * PG,
        .brk = code + 2 * PG + 8,
    };
    lu_brk_init(exe.brk);
    heap_end = code + 5 * PG;
    assert_int_equal(lu_brk(heap_end), heap_end);
    assert_int_equal(lu_build_stack(&exe, NULL, 64 * 1024, 3, argv, envp, prog, &st), 0);
    lu_set_exe_path(prog);
    lu_proc_set_process(&exe, &st);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(prog);
    rmdir(dir);
    guest_space_reset();
    return 0;
}

/* Generated file f as a NUL-terminated string (caller frees); *len its size. */
static char *gen(enum lu_proc_file f, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&buf, &n);

    assert_non_null(m);
    assert_int_equal(lu_proc_generate(f, m), 0);
    assert_int_equal(fclose(m), 0);
    if (len)
        *len = n;
    return buf;
}

/* The line starting with prefix, copied into line; false when absent. */
static bool find_line(const char *text, const char *prefix, char *line, size_t len)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (strncmp(p, prefix, strlen(prefix)) == 0) {
            size_t n = strcspn(p, "\n");
            snprintf(line, len, "%.*s", (int)n, p);
            return true;
        }
    }
    return false;
}

static void test_maps(void **state)
{
    (void)state;
    char want[512], head[64], line[512];
    struct stat sb;
    char *maps = gen(LU_PROC_MAPS, NULL);

    assert_int_equal(stat(prog, &sb), 0);
    /* The code: guest range, guest permissions, the file's offset, device, inode, name. */
    int n = snprintf(want, sizeof(want), "%08" PRIx64 "-%08" PRIx64 " r-xp 00001000 %02x:%02x %lu ",
                     (uint64_t)code, (uint64_t)code + 2 * PG, major(sb.st_dev), minor(sb.st_dev),
                     (unsigned long)sb.st_ino);
    snprintf(want + n, sizeof(want) - (size_t)n, "%*s%s", n < 73 ? 73 - n : 0, "", real_prog);
    snprintf(head, sizeof(head), "%08" PRIx64 "-", (uint64_t)code);
    assert_true(find_line(maps, head, line, sizeof(line)));
    assert_string_equal(line, want);
    /* The brk area above it. */
    snprintf(head, sizeof(head), "%08" PRIx64 "-%08" PRIx64 " rw-p 00000000 00:00 0 ",
             (uint64_t)code + 3 * PG, (uint64_t)heap_end);
    assert_true(find_line(maps, head, line, sizeof(line)));
    assert_string_equal(line + 73, "[heap]");
    /* The stack and its guard page (no name). */
    snprintf(head, sizeof(head), "%08" PRIx64 "-%08" PRIx64 " rw-p 00000000 00:00 0 ",
             (uint64_t)st.stack_low, (uint64_t)st.stack_high);
    assert_true(find_line(maps, head, line, sizeof(line)));
    assert_string_equal(line + 73, "[stack]");
    snprintf(head, sizeof(head), "%08" PRIx64 "-%08" PRIx64 " ---p 00000000 00:00 0 ",
             (uint64_t)st.stack_low - PG, (uint64_t)st.stack_low);
    assert_true(find_line(maps, head, line, sizeof(line)));
    assert_string_equal(line, head);
    free(maps);
}

static void test_smaps(void **state)
{
    (void)state;
    char head[64], line[512];
    char *smaps = gen(LU_PROC_SMAPS, NULL);

    snprintf(head, sizeof(head), "%08" PRIx64 "-", (uint64_t)code);
    char *p = strstr(smaps, head);
    assert_non_null(p);
    p = strchr(p, '\n') + 1;
    assert_true(find_line(p, "Size:", line, sizeof(line)));
    assert_string_equal(line, "Size:                  8 kB");
    assert_true(find_line(p, "KernelPageSize:", line, sizeof(line)));
    assert_string_equal(line, "KernelPageSize:        4 kB");
    assert_true(find_line(p, "MMUPageSize:", line, sizeof(line)));
    assert_string_equal(line, "MMUPageSize:           4 kB");
    assert_true(find_line(p, "Rss:", line, sizeof(line)));
    assert_true(find_line(p, "VmFlags:", line, sizeof(line)));
    assert_string_equal(line, "VmFlags: rd ex");
    free(smaps);
}

static void test_auxv_cmdline(void **state)
{
    (void)state;
    size_t len;
    char *auxv = gen(LU_PROC_AUXV, &len);

    assert_true(len > 32 && len % 16 == 0);
    assert_memory_equal(auxv, g2h(st.auxv), len);
    uint64_t last[2];
    memcpy(last, auxv + len - 16, 16);
    assert_true(last[0] == 0 && last[1] == 0);
    free(auxv);
    char *cmd = gen(LU_PROC_CMDLINE, &len);
    assert_int_equal(len, sizeof("a-very-long-program-name\0a\0b c"));
    assert_memory_equal(cmd, "a-very-long-program-name\0a\0b c", len);
    free(cmd);
}

static void test_stat(void **state)
{
    (void)state;
    char want[64];
    char *s = gen(LU_PROC_STAT, NULL);

    snprintf(want, sizeof(want), "%d (a-very-long-pro) R %d ", (int)getpid(), (int)getppid());
    assert_memory_equal(s, want, strlen(want));
    /* the fields after the ")": field 3 (the state) first */
    unsigned long long f[53] = { 0 };
    char *save, *tok = strtok_r(strrchr(s, ')') + 1, " \n", &save);
    for (int i = 3; i <= 52 && tok; i++, tok = strtok_r(NULL, " \n", &save))
        f[i] = strtoull(tok, NULL, 10);
    assert_int_equal(f[26], exe.start_code);
    assert_int_equal(f[27], exe.end_code);
    assert_int_equal(f[28], st.sp);
    assert_int_equal(f[47], exe.brk);
    free(s);
}

static void test_cpuinfo(void **state)
{
    (void)state;
    char *c = gen(LU_PROC_CPUINFO, NULL);
    const char *want = "processor\t: 0\nhart\t\t: 0\nisa\t\t: rv64imafdc_zicsr_zifencei_zba_zbb\n"
                       "mmu\t\t: sv48\n";

    assert_memory_equal(c, want, strlen(want));
    free(c);
}

static void test_classify(void **state)
{
    (void)state;
    char p[64];

    assert_int_equal(lu_proc_classify("/proc/self/maps"), LU_PROC_MAPS);
    assert_int_equal(lu_proc_classify("/proc/self/smaps"), LU_PROC_SMAPS);
    assert_int_equal(lu_proc_classify("/proc/self/exe"), LU_PROC_EXE);
    assert_int_equal(lu_proc_classify("/proc/self/auxv"), LU_PROC_AUXV);
    assert_int_equal(lu_proc_classify("/proc/self/cmdline"), LU_PROC_CMDLINE);
    assert_int_equal(lu_proc_classify("/proc/self/stat"), LU_PROC_STAT);
    assert_int_equal(lu_proc_classify("/proc/cpuinfo"), LU_PROC_CPUINFO);
    snprintf(p, sizeof(p), "/proc/%d/maps", (int)getpid());
    assert_int_equal(lu_proc_classify(p), LU_PROC_MAPS);
    snprintf(p, sizeof(p), "/proc/%d/maps", (int)getpid() + 1);
    assert_int_equal(lu_proc_classify(p), LU_PROC_NONE);
    assert_int_equal(lu_proc_classify("/proc/self/status"), LU_PROC_NONE);
    assert_int_equal(lu_proc_classify("/proc/self/maps/"), LU_PROC_NONE);
    assert_int_equal(lu_proc_classify("/proc/selfmaps"), LU_PROC_NONE);
    assert_string_equal(lu_proc_exe_path(), real_prog);
}

static int64_t sys(int64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    const uint64_t args[6] = { a0, a1, a2, a3, 0, 0 };
    return lu_syscall(nr, args);
}

/* openat of an emulated file gives a readable fd; writing is refused; readlink of exe. */
static void test_syscalls(void **state)
{
    (void)state;
    guest_addr buf = st.stack_low;      /* scratch: the stack's unused bottom */
    char data[64] = { 0 };

    strcpy(g2h(buf), "/proc/self/cmdline");
    int64_t fd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, buf, O_RDONLY, 0);
    assert_true(fd >= 0);
    assert_int_equal(read((int)fd, data, sizeof(data)), 31);
    assert_memory_equal(data, "a-very-long-program-name\0a\0b c", 31);
    close((int)fd);
    assert_int_equal(sys(LU_NR_openat, (uint64_t)AT_FDCWD, buf, O_WRONLY, 0), -EACCES);
    snprintf(g2h(buf), 64, "/proc/%d/exe", (int)getpid());
    int64_t n = sys(LU_NR_readlinkat, (uint64_t)AT_FDCWD, buf, buf + 64, 256);
    assert_int_equal(n, (int64_t)strlen(real_prog));
    assert_memory_equal(g2h(buf + 64), real_prog, (size_t)n);
    /* open of /proc/self/exe opens the program */
    strcpy(g2h(buf), "/proc/self/exe");
    fd = sys(LU_NR_openat, (uint64_t)AT_FDCWD, buf, O_RDONLY, 0);
    assert_true(fd >= 0);
    assert_int_equal(read((int)fd, data, 4), 4);
    assert_memory_equal(data, "\x13\x13\x13\x13", 4);
    close((int)fd);
    /* stat follows it to the program; lstat sees a symlink (asm-generic st_mode at 16, st_size at 48) */
    guest_addr sb = buf + 256;
    assert_int_equal(sys(LU_NR_newfstatat, (uint64_t)AT_FDCWD, buf, sb, 0), 0);
    assert_int_equal(*(uint32_t *)g2h(sb + 16) & S_IFMT, S_IFREG);
    assert_int_equal(*(int64_t *)g2h(sb + 48), 4 * PG);
    assert_int_equal(sys(LU_NR_newfstatat, (uint64_t)AT_FDCWD, buf, sb, AT_SYMLINK_NOFOLLOW), 0);
    assert_int_equal(*(uint32_t *)g2h(sb + 16) & S_IFMT, S_IFLNK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_maps),
        cmocka_unit_test(test_smaps),
        cmocka_unit_test(test_auxv_cmdline),
        cmocka_unit_test(test_stat),
        cmocka_unit_test(test_cpuinfo),
        cmocka_unit_test(test_classify),
        cmocka_unit_test(test_syscalls),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
