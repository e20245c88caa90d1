/*
 * /proc emulation: which paths are emulated, the generated files except
 * maps/smaps (proc-maps.c), and the open/lookup entry points the file
 * system calls use.
 *
 * A generated file is written to a memfd at open time and the memfd is
 * the guest's descriptor, so read, lseek, fstat and mmap work on it as on
 * any file.  Opening one for writing fails with EACCES, as Linux's
 * read-only proc files do.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "proc.h"
#include "syscall.h"
#include "uemu/elfload.h"
#include "uemu/guest-mem.h"
#include "uemu/linux-user-path.h"
#include "uemu/page-table.h"

struct lu_proc_state lu_proc;

static char exe_real[PATH_MAX];

/* The end of the string at guest address a, one past its NUL; 0 if unreadable. */
static guest_addr string_end(guest_addr a)
{
    int err;
    const char *s = guest_string(a, PATH_MAX * 32, &err);
    return s ? a + strlen(s) + 1 : 0;
}

static uint64_t read_word(guest_addr a)
{
    uint64_t v = 0;
    const void *p = guest_access(a, 8, PAGE_READ);
    if (p)
        memcpy(&v, p, 8);
    return v;
}

void lu_proc_set_process(const struct elf_load_info *exe, const struct lu_initial_stack *st)
{
    uint64_t argc = read_word(st->sp);
    guest_addr a;
    size_t n = 0;

    lu_proc.start_code = exe->start_code;
    lu_proc.end_code = exe->end_code;
    lu_proc.start_data = exe->start_data;
    lu_proc.end_data = exe->end_data;
    lu_proc.start_brk = exe->brk;
    lu_proc.start_stack = st->sp;
    lu_proc.stack_low = st->stack_low;
    lu_proc.stack_high = st->stack_high;
    lu_proc.arg_start = lu_proc.arg_end = argc ? read_word(st->argv) : 0;
    if (argc)
        lu_proc.arg_end = string_end(read_word(st->argv + 8 * (argc - 1)));
    lu_proc.env_start = lu_proc.env_end = read_word(st->envp);
    for (a = st->envp; read_word(a); a += 8)
        lu_proc.env_end = string_end(read_word(a));
    do {
        lu_proc.auxv[n] = read_word(st->auxv + 8 * n);
        lu_proc.auxv[n + 1] = read_word(st->auxv + 8 * n + 8);
        n += 2;
    } while (lu_proc.auxv[n - 2] != 0 && n < LU_PROC_AUXV_WORDS);
    lu_proc.auxv_words = n;
    if (lu_exe_path && !realpath(lu_exe_path, exe_real))
        snprintf(exe_real, sizeof(exe_real), "%s", lu_exe_path);
}

const char *lu_proc_exe_path(void)
{
    if (!exe_real[0] && lu_exe_path && !realpath(lu_exe_path, exe_real))
        snprintf(exe_real, sizeof(exe_real), "%s", lu_exe_path);
    return exe_real[0] ? exe_real : NULL;
}

static const struct {
    const char *name;
    enum lu_proc_file file;
} per_process[] = {
    { "exe", LU_PROC_EXE },
    { "maps", LU_PROC_MAPS },
    { "smaps", LU_PROC_SMAPS },
    { "auxv", LU_PROC_AUXV },
    { "cmdline", LU_PROC_CMDLINE },
    { "stat", LU_PROC_STAT },
};

enum lu_proc_file lu_proc_classify(const char *path)
{
    char own[32];
    const char *rest;
    size_t n;

    if (strcmp(path, "/proc/cpuinfo") == 0)
        return lu_cur_abi == &lu_abi_riscv64 ? LU_PROC_CPUINFO : LU_PROC_NONE;
    if (strncmp(path, "/proc/", 6) != 0)
        return LU_PROC_NONE;        /* most paths: no getpid() for them */
    if (strncmp(path, "/proc/self/", 11) == 0) {
        rest = path + 11;
    } else {
        n = (size_t)snprintf(own, sizeof(own), "/proc/%d/", (int)getpid());
        if (strncmp(path, own, n) != 0)
            return LU_PROC_NONE;
        rest = path + n;
    }
    for (size_t i = 0; i < sizeof(per_process) / sizeof(per_process[0]); i++)
        if (strcmp(rest, per_process[i].name) == 0)
            return per_process[i].file;
    return LU_PROC_NONE;
}

/* The guest memory [start, end) as it is now (cmdline reads the live strings). */
static int put_guest_bytes(FILE *out, guest_addr start, guest_addr end)
{
    if (end <= start)
        return 0;
    const void *p = guest_access(start, end - start, PAGE_READ);
    if (!p)
        return -EFAULT;
    return fwrite(p, 1, end - start, out) == end - start ? 0 : -EIO;
}

/*
 * The host's stat line (its comm is the guest's name) with the fields that hold
 * guest addresses (26-28 and 45-51, man 5 proc) replaced; 29-30 (the
 * kernel stack pointers) read 0 as Linux shows them to other processes.
 */
static int gen_stat(FILE *out)
{
    char line[1024], *p, *tok, *save;
    FILE *f = fopen("/proc/self/stat", "re");
    int field = 3;

    if (!f)
        return -errno;
    p = fgets(line, sizeof(line), f);
    fclose(f);
    if (!p || !(p = strrchr(line, ')')))
        return -EIO;
    /* pid and comm as the host has them: the thread name is the
     * guest's (lu_set_exe_path, then the guest's own PR_SET_NAME) */
    fprintf(out, "%.*s", (int)(p + 1 - line), line);
    for (tok = strtok_r(p + 1, " \n", &save); tok; tok = strtok_r(NULL, " \n", &save), field++) {
        uint64_t v;
        switch (field) {
        case 26: v = lu_proc.start_code; break;
        case 27: v = lu_proc.end_code; break;
        case 28: v = lu_proc.start_stack; break;
        case 29: case 30: v = 0; break;
        case 45: v = lu_proc.start_data; break;
        case 46: v = lu_proc.end_data; break;
        case 47: v = lu_proc.start_brk; break;
        case 48: v = lu_proc.arg_start; break;
        case 49: v = lu_proc.arg_end; break;
        case 50: v = lu_proc.env_start; break;
        case 51: v = lu_proc.env_end; break;
        default:
            fprintf(out, " %s", tok);
            continue;
        }
        fprintf(out, " %llu", (unsigned long long)v);
    }
    fputc('\n', out);
    return 0;
}

/* The ISA string of the harts uemu's riscv64 translator implements. */
#define LU_RISCV64_ISA "rv64imafdc_zicsr_zifencei_zba_zbb"

static int gen_cpuinfo(FILE *out)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    for (long i = 0; i < (n > 0 ? n : 1); i++)
        fprintf(out, "processor\t: %ld\nhart\t\t: %ld\nisa\t\t: %s\nmmu\t\t: sv48\n"
                "mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\n\n",
                i, i, LU_RISCV64_ISA);
    return 0;
}

int lu_proc_generate(enum lu_proc_file f, FILE *out)
{
    switch (f) {
    case LU_PROC_MAPS:
        return lu_proc_gen_maps(out, false);
    case LU_PROC_SMAPS:
        return lu_proc_gen_maps(out, true);
    case LU_PROC_AUXV:
        return fwrite(lu_proc.auxv, 8, lu_proc.auxv_words, out) == lu_proc.auxv_words ? 0 : -EIO;
    case LU_PROC_CMDLINE:
        return put_guest_bytes(out, lu_proc.arg_start, lu_proc.arg_end);
    case LU_PROC_STAT:
        return gen_stat(out);
    case LU_PROC_CPUINFO:
        return gen_cpuinfo(out);
    case LU_PROC_NONE:
    case LU_PROC_EXE:
        break;
    }
    return -EINVAL;
}

/* Generate f into a new memfd; the fd (at offset 0) or -errno. */
static int open_generated(enum lu_proc_file f, int host_flags)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    int r, fd;

    if (!mem)
        return -errno;
    r = lu_proc_generate(f, mem);
    if (fclose(mem) != 0 && r == 0)
        r = -errno;
    if (r < 0) {
        free(buf);
        return r;
    }
    fd = memfd_create("uemu-proc", host_flags & O_CLOEXEC ? MFD_CLOEXEC : 0);
    if (fd < 0) {
        r = -errno;
    } else {
        for (size_t off = 0; off < len;) {
            ssize_t w = write(fd, buf + off, len - off);
            if (w < 0) {
                r = -errno;
                break;
            }
            off += (size_t)w;
        }
        if (r == 0 && lseek(fd, 0, SEEK_SET) < 0)
            r = -errno;
        if (r < 0)
            close(fd);
    }
    free(buf);
    return r < 0 ? r : fd;
}

bool lu_proc_open(const char *path, int host_flags, int64_t *ret)
{
    enum lu_proc_file f = path[0] == '/' ? lu_proc_classify(path) : LU_PROC_NONE;

    if (f == LU_PROC_NONE || f == LU_PROC_EXE)
        return false;
    if ((host_flags & O_ACCMODE) != O_RDONLY)
        *ret = -EACCES;
    else
        *ret = open_generated(f, host_flags);
    return true;
}

const char *lu_lookup_path(const char *path, char *buf, size_t len)
{
    if (path[0] == '/' && lu_proc_classify(path) == LU_PROC_EXE && lu_proc_exe_path())
        return lu_proc_exe_path();
    return lu_path_resolve(path, buf, len);
}
