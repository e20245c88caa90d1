/*
 * execve(2) for linux-user guests.
 *
 * path, argv and envp are read from guest memory first (EFAULT on a bad
 * pointer, E2BIG past the kernel's limits), the path resolved as open
 * resolves it (/proc/self/exe is the guest program, then -L).  Nothing
 * is torn down before the host execve, so when it fails the guest gets
 * -errno and carries on in the same uemu.  Never a fork.
 *
 * A riscv64 ELF (ELF64, little-endian, EM_RISCV) goes to the host
 * execve first when the uemu binfmt_misc would start for it, reading
 * only the UEMU_* variables of the new environment, would carry the
 * options this one carries: with an entry registered, the kernel then
 * starts it as it would from the shell.  Without an entry (ENOEXEC,
 * nothing torn down yet), or when options would be lost (-L, -backend,
 * -d... given on the command line), uemu re-executes itself with the
 * carried options (linux-user-exec.h).  Anything else (a host ELF, a
 * #! script, a foreign ELF) goes to the host execve unchanged: the host
 * kernel runs it natively or through its own binfmt handlers, or
 * refuses it (ENOEXEC); a #! script the host refuses whose interpreter
 * is a riscv64 program runs that interpreter through uemu, as a
 * binfmt_misc entry would have it run.  A #!
 * script naming a host interpreter (/bin/sh) therefore runs natively,
 * and what that shell runs is native too, unless binfmt_misc hands a
 * riscv64 program back to uemu (then without this uemu's options).
 *
 * A vfork child sharing its parent's memory (thread.c) only flushes the
 * log, and leaves what it allocated for the call to its parent to free
 * (lu_thread_vfork_left): an execve that succeeds never returns.
 *
 * The log is closed before the host execve (a gzip log's member is
 * then complete) and opened again when the call fails.  A uemu started
 * for a riscv64 program with -D gets LOG_CONTINUE_ENV in its
 * environment so that it appends to the log instead of truncating it
 * (accel/user/log.c takes the marker out again before the guest sees
 * its environment).
 */
#include <elf.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "linux-user/syscall.h"
#include "linux-user/thread.h"
#include "uemu/guest-mem.h"
#include "uemu/linux-user-exec.h"
#include "uemu/exec.h"
#include "uemu/log.h"

/* The kernel's MAX_ARG_STRLEN: one string's size, its NUL included. */
#define EXEC_ARG_STRLEN  (32u * 4096)
/*
 * Total argv + envp bytes (strings and pointers): the kernel allows a
 * quarter of the stack rlimit; this is that for the default 8 MiB.
 */
#define EXEC_ARG_BYTES   (2u * 1024 * 1024)
/* Entries lu_exec_build_argv adds in front of the guest's arguments. */
#define EXEC_EXTRA_ARGS  20
/* accel/user/log.c's marker for "append to the log". */
#define LOG_CONTINUE_SET LOG_CONTINUE_ENV "=1"

static const char *exec_uemu_path;
static struct uemu_options exec_opts;
static char exec_log_items[256];

void lu_exec_set_options(const struct uemu_options *o, const char *uemu_path)
{
    exec_opts = *o;
    exec_uemu_path = uemu_path;
    options_format_log_mask(o->log_mask, exec_log_items, sizeof(exec_log_items));
}

int lu_exec_build_argv(const char *path, char *const *guest_argv, size_t argc,
                       char **out, size_t max)
{
    const char *backend = exec_opts.backend == UEMU_BACKEND_JIT   ? "jit"
                          : exec_opts.backend == UEMU_BACKEND_TCI ? "tci" : NULL;
    const char *extra[EXEC_EXTRA_ARGS];
    size_t n = 0;

    if (!exec_uemu_path)
        return -ENOEXEC;
    extra[n++] = exec_uemu_path;
    if (exec_opts.ld_prefix) {
        extra[n++] = "-L";
        extra[n++] = exec_opts.ld_prefix;
    }
    if (backend) {
        extra[n++] = "-backend";
        extra[n++] = backend;
    }
    if (exec_opts.cpu_model) {
        extra[n++] = "-cpu";
        extra[n++] = exec_opts.cpu_model;
    }
    if (exec_log_items[0]) {
        extra[n++] = "-d";
        extra[n++] = exec_log_items;
    }
    if (exec_opts.log_file) {
        extra[n++] = "-D";
        extra[n++] = exec_opts.log_file;
    }
    if (exec_opts.strace)
        extra[n++] = "-strace";
    if (exec_opts.cache_dir) {
        extra[n++] = "-cache";
        extra[n++] = exec_opts.cache_dir;
    }
    extra[n++] = "-0";
    extra[n++] = argc ? guest_argv[0] : "";
    extra[n++] = "--";
    extra[n++] = path;
    if (max < n + (argc ? argc - 1 : 0) + 1)
        return -E2BIG;
    for (size_t i = 0; i < n; i++)
        out[i] = (char *)extra[i];
    for (size_t i = 1; i < argc; i++)
        out[n++] = guest_argv[i];
    out[n] = NULL;
    return (int)n;
}

/*
 * The guest's NULL-terminated string vector at addr as host pointers
 * into guest memory (malloc'ed, NULL-terminated, *count entries); addr 0
 * is an empty vector, as Linux takes it.  *bytes accumulates the
 * strings' sizes against EXEC_ARG_BYTES.
 */
static int read_vector(uint64_t addr, char ***vec, size_t *count, size_t *bytes)
{
    size_t n = 0, cap = 16;
    char **v = malloc(cap * sizeof(*v));
    int err;

    if (!v)
        return -ENOMEM;
    for (; addr; addr += 8) {
        uint64_t p;
        const char *s;

        if (copy_from_guest(&p, addr, sizeof(p)) < 0) {
            err = -EFAULT;
            goto fail;
        }
        if (!p)
            break;
        s = guest_string(p, EXEC_ARG_STRLEN, &err);
        if (!s) {
            err = err == -ENAMETOOLONG ? -E2BIG : err;
            goto fail;
        }
        *bytes += strlen(s) + 1 + sizeof(char *);
        if (*bytes > EXEC_ARG_BYTES) {
            err = -E2BIG;
            goto fail;
        }
        if (n + 1 == cap) {
            char **nv = realloc(v, 2 * cap * sizeof(*v));
            if (!nv) {
                err = -ENOMEM;
                goto fail;
            }
            v = nv;
            cap *= 2;
        }
        v[n++] = (char *)s;
    }
    v[n] = NULL;
    *vec = v;
    *count = n;
    return 0;
fail:
    free(v);
    return err;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/*
 * Whether a uemu that binfmt_misc starts for host with envp (and no
 * command-line options) would carry exactly the options this one does.
 */
static bool exec_env_carries_options(char **envp, const char *host)
{
    char *av[] = { (char *)exec_uemu_path, (char *)host, NULL };
    struct uemu_options o;
    char err[256];
    bool same;

    if (options_parse(&o, 2, av, envp, err, sizeof(err)) < 0)
        return false;
    same = same_str(o.ld_prefix, exec_opts.ld_prefix) && o.backend == exec_opts.backend &&
           same_str(o.cpu_model, exec_opts.cpu_model) && o.log_mask == exec_opts.log_mask &&
           same_str(o.log_file, exec_opts.log_file) && o.strace == exec_opts.strace &&
           same_str(o.cache_dir, exec_opts.cache_dir);
    options_free(&o);
    return same;
}

/* 1 when the file is a riscv64 ELF, 0 when not, -errno when unreadable. */
static int is_riscv64_elf(const char *host_path)
{
    unsigned char h[20];
    int fd = open(host_path, O_RDONLY | O_CLOEXEC);
    ssize_t r;

    if (fd < 0)
        return -errno;
    r = read(fd, h, sizeof(h));
    if (r < 0) {
        int e = errno;
        close(fd);
        return -e;
    }
    close(fd);
    return r == (ssize_t)sizeof(h) && memcmp(h, ELFMAG, SELFMAG) == 0 &&
           h[EI_CLASS] == ELFCLASS64 && h[EI_DATA] == ELFDATA2LSB &&
           (h[18] | h[19] << 8) == EM_RISCV;
}

/*
 * A "#!" script whose interpreter is a riscv64 program: what the kernel
 * would run through a binfmt_misc entry.  Fills interp (the interpreter
 * as written, at most size bytes) and *arg (the optional argument, in
 * the same buffer, or NULL); 1 when the file is such a script, 0 when
 * not.  As Linux: the line ends at a newline or after 255 bytes, the
 * interpreter at the first blank, the rest (trimmed) is one argument.
 */
static int script_interp(const char *host_path, char *interp, size_t size, char **arg,
                         char *ibuf, size_t isize)
{
    char line[256], *p, *end;
    int fd = open(host_path, O_RDONLY | O_CLOEXEC);
    ssize_t r;

    if (fd < 0)
        return 0;
    r = read(fd, line, sizeof(line) - 1);
    close(fd);
    if (r < 2 || line[0] != '#' || line[1] != '!')
        return 0;
    line[r] = '\0';
    end = strchr(line, '\n');
    if (end)
        *end = '\0';
    for (p = line + 2; *p == ' ' || *p == '\t'; p++)
        ;
    end = p + strcspn(p, " \t");
    if (end == p || (size_t)(end - p) >= size)
        return 0;
    memcpy(interp, p, (size_t)(end - p));
    interp[end - p] = '\0';
    for (p = end; *p == ' ' || *p == '\t'; p++)
        ;
    end = p + strlen(p);
    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    *arg = *p ? p : NULL;
    if (*arg) {
        size_t n = strlen(p) + 1;

        if (n > isize)
            return 0;
        memcpy(ibuf, p, n);
        *arg = ibuf;
    }
    return 1;
}

/*
 * The host execve, the log closed around it; envp gains the log's
 * continue marker when exec'ing uemu with a log file.
 */
static int host_execve(const char *file, char **argv, char **envp, size_t envc, bool uemu)
{
    unsigned mask = log_mask;
    char **env = envp;
    int err;

    if (uemu && exec_opts.log_file) {
        env = malloc((envc + 2) * sizeof(*env));
        if (!env)
            return -ENOMEM;
        memcpy(env, envp, envc * sizeof(*env));
        env[envc] = (char *)LOG_CONTINUE_SET;
        env[envc + 1] = NULL;
        lu_thread_vfork_left(env, true);
    }
    /* A vfork child shares the log (and its memory) with its parent.
     * The blocks translated so far would be lost with the process image:
     * a program that only ever execs would never have them kept. */
    if (lu_thread_vfork_child()) {
        log_flush();
    } else {
        exec_cache_save();
        log_close();
    }
    if (uemu)
        lu_fd_exec_uemu(false);
    err = lu_host_ret(execve(file, argv, env));
    if (uemu)
        lu_fd_exec_uemu(true);
    if (!lu_thread_vfork_child())
        log_open(exec_opts.log_file, mask);
    if (env != envp) {
        lu_thread_vfork_left(env, false);
        free(env);
    }
    return err;
}

/* uemu re-executed for the riscv64 program at host with guest argv. */
static int exec_uemu(const char *host, char **argv, size_t argc, char **envp, size_t envc)
{
    char **hargv = malloc((argc + EXEC_EXTRA_ARGS + 1) * sizeof(*hargv));
    int err;

    if (!hargv)
        return -ENOMEM;
    lu_thread_vfork_left(hargv, true);
    err = lu_exec_build_argv(host, argv, argc, hargv, argc + EXEC_EXTRA_ARGS + 1);
    if (err >= 0)
        err = host_execve(hargv[0], hargv, envp, envc, true);
    lu_thread_vfork_left(hargv, false);
    free(hargv);
    return err;
}

/*
 * A script the host refused (ENOEXEC): when its "#!" names a riscv64
 * interpreter (looked up like any guest path), run that through uemu
 * with the arguments the kernel would give it: interpreter, optional
 * argument, the script's path as the guest gave it, argv[1..].
 */
static int exec_riscv64_script(const char *path, const char *host, char **argv, size_t argc,
                               char **envp, size_t envc)
{
    char interp[256], argbuf[256], ibuf[4096], *arg, **nargv;
    const char *ihost;
    size_t n = 0;
    int err;

    if (!script_interp(host, interp, sizeof(interp), &arg, argbuf, sizeof(argbuf)))
        return -ENOEXEC;
    ihost = lu_lookup_path(interp, ibuf, sizeof(ibuf));
    if (is_riscv64_elf(ihost) != 1)
        return -ENOEXEC;
    nargv = malloc((argc + 3) * sizeof(*nargv));
    if (!nargv)
        return -ENOMEM;
    nargv[n++] = interp;
    if (arg)
        nargv[n++] = arg;
    nargv[n++] = (char *)path;
    for (size_t i = 1; i < argc; i++)
        nargv[n++] = argv[i];
    nargv[n] = NULL;
    err = exec_uemu(ihost, nargv, n, envp, envc);
    free(nargv);
    return err;
}

int64_t lu_sys_execve(const uint64_t *a)
{
    char buf[4096], **argv = NULL, **envp = NULL;
    size_t argc, envc, bytes = 0;
    struct stat st;
    const char *host;
    int err, r;
    const char *path = lu_path_arg(a[0], &err);

    if (!path)
        return err;
    err = read_vector(a[1], &argv, &argc, &bytes);
    if (err < 0)
        return err;
    err = read_vector(a[2], &envp, &envc, &bytes);
    if (err < 0)
        goto out;
    lu_thread_vfork_left(argv, true);
    lu_thread_vfork_left(envp, true);
    host = lu_lookup_path(path, buf, sizeof(buf));
    /* The checks the kernel makes on the file come before choosing a runner. */
    if (stat(host, &st) < 0 || access(host, X_OK) < 0) {
        err = -errno;
        goto out;
    }
    if (!S_ISREG(st.st_mode)) {
        err = -EACCES;
        goto out;
    }
    r = is_riscv64_elf(host);
    if (r < 0) {
        err = r;
        goto out;
    }
    if (!r) {
        err = host_execve(host, argv, envp, envc, false);
        if (err == -ENOEXEC)
            err = exec_riscv64_script(path, host, argv, argc, envp, envc);
        goto out;
    }
    if (exec_env_carries_options(envp, host)) {
        err = host_execve(host, argv, envp, envc, true);
        if (err != -ENOEXEC)
            goto out;
    }
    err = exec_uemu(host, argv, argc, envp, envc);
out:
    lu_thread_vfork_left(argv, false);
    lu_thread_vfork_left(envp, false);
    free(argv);
    free(envp);
    return err;
}
