/* Core files of default actions: children set RLIMIT_CORE, move to a
 * directory of their own and die (abort, a write to NULL, SIGQUIT from
 * the parent, SIGSEGV sent to itself); the parent
 * sees the signal and finds the core file: an ELF core whose NT_PRSTATUS
 * names the signal and whose PT_LOADs hold a stack word the child had.
 * RLIMIT_CORE 0 and a limit below one page leave no file; a small limit
 * cuts the file short (the limit counts the bytes written, not holes).  The core flag of the wait status is
 * printed: uemu leaves it clear (docs/README.md).  Native runs differ in
 * e_machine and the flag, hence sig-core.expected. */
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAGIC 0x5eedc0de12345678ull

static volatile int *volatile null_ptr;
static size_t full_len;         /* the last core without a limit */

struct how {
    const char *name;
    rlim_t limit;
    int action;             /* 0 abort, 1 NULL write, 2 wait for SIGQUIT, 3 kill SIGSEGV */
};

static const struct how hows[] = {
    { "abort", RLIM_INFINITY, 0 },
    { "NULL write", RLIM_INFINITY, 1 },
    { "SIGQUIT from parent", RLIM_INFINITY, 2 },
    { "kill SIGSEGV", RLIM_INFINITY, 3 },
    { "abort, limit 0", 0, 0 },
    { "abort, limit 1000", 1000, 0 },
    { "abort, limit 4096", 4096, 0 },
    { "abort, limit 20000", 20000, 0 },
};

/* The core file in dir (its last entry), read whole and removed; NULL:
 * none. */
static unsigned char *read_core(const char *dir, size_t *len, int *entries)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char *name = NULL;
    unsigned char *buf = NULL;
    struct stat st;
    int fd = -1;

    *entries = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        ++*entries;
        free(name);
        name = strdup(e->d_name);
    }
    if (name && (fd = openat(dirfd(d), name, O_RDONLY)) >= 0) {
        fstat(fd, &st);
        *len = (size_t)st.st_size;
        buf = malloc(*len + 1);
        if (read(fd, buf, *len) != (ssize_t)*len)
            *len = 0;
        close(fd);
        unlinkat(dirfd(d), name, 0);
    }
    free(name);
    closedir(d);
    return buf;
}

/* The signal of NT_PRSTATUS (its first word), or -1. */
static int prstatus_signal(const unsigned char *b, size_t len, const Elf64_Ehdr *eh)
{
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const void *)(b + eh->e_phoff + i * sizeof(*ph));

        if (ph->p_type != PT_NOTE || ph->p_offset + ph->p_filesz > len)
            continue;
        for (size_t o = ph->p_offset; o + 12 <= ph->p_offset + ph->p_filesz;) {
            const Elf64_Nhdr *n = (const void *)(b + o);
            size_t desc = o + 12 + ((n->n_namesz + 3) & ~3u);

            if (n->n_type == NT_PRSTATUS)
                return *(const int32_t *)(b + desc);
            o = desc + ((n->n_descsz + 3) & ~3u);
        }
    }
    return -1;
}

/* Whether a PT_LOAD holds the 8 bytes at addr with the value v. */
static int holds(const unsigned char *b, size_t len, const Elf64_Ehdr *eh, uint64_t addr,
                 uint64_t v)
{
    for (int i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = (const void *)(b + eh->e_phoff + i * sizeof(*ph));
        uint64_t got;

        if (ph->p_type != PT_LOAD || addr < ph->p_vaddr ||
            addr + 8 > ph->p_vaddr + ph->p_filesz || ph->p_offset + ph->p_filesz > len)
            continue;
        memcpy(&got, b + ph->p_offset + (addr - ph->p_vaddr), 8);
        return got == v;
    }
    return 0;
}

static void describe(const char *dir, const struct how *h, volatile uint64_t *stack_word)
{
    int entries;
    size_t len = 0;
    unsigned char *b = read_core(dir, &len, &entries);
    const Elf64_Ehdr *eh = (const void *)b;

    if (!b) {
        printf("  no core file (%d entries)\n", entries);
        return;
    }
    if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0) {
        printf("  core file is not ELF\n");
    } else if (h->limit != RLIM_INFINITY) {
        printf("  core file cut short: %s\n", len < full_len ? "yes" : "no");
    } else {
        full_len = len;
        printf("  core file: class %d type %d machine %d, prstatus signal %d, "
               "stack word %s\n", eh->e_ident[EI_CLASS], eh->e_type, eh->e_machine,
               prstatus_signal(b, len, eh),
               holds(b, len, eh, (uint64_t)(uintptr_t)stack_word, MAGIC) ? "found" : "missing");
    }
    free(b);
}

/* ready: written once the child is set up. */
static void child(const struct how *h, const char *dir, int ready)
{
    struct rlimit rl;

    getrlimit(RLIMIT_CORE, &rl);
    rl.rlim_cur = h->limit < rl.rlim_max ? h->limit : rl.rlim_max;
    if (setrlimit(RLIMIT_CORE, &rl) < 0 || chdir(dir) < 0 || write(ready, "r", 1) != 1)
        _exit(90);
    switch (h->action) {
    case 0:
        abort();
    case 1:
        *null_ptr = 1;
        break;
    case 2:
        for (;;)
            pause();
    case 3:
        kill(getpid(), SIGSEGV);
        break;
    }
    _exit(91);
}

int main(void)
{
    char dir[] = "core-dir-XXXXXX";
    volatile uint64_t stack_word = MAGIC;

    if (!mkdtemp(dir))
        return 1;
    setvbuf(stdout, NULL, _IONBF, 0);
    for (size_t i = 0; i < sizeof(hows) / sizeof(hows[0]); i++) {
        const struct how *h = &hows[i];
        int st, ready[2];
        char c;
        pid_t p;

        if (pipe(ready) < 0 || (p = fork()) < 0)
            return 1;
        if (p == 0)
            child(h, dir, ready[1]);
        close(ready[1]);
        if (read(ready[0], &c, 1) == 1 && h->action == 2)
            kill(p, SIGQUIT);
        close(ready[0]);
        waitpid(p, &st, 0);
        if (WIFSIGNALED(st))
            printf("%s: killed by %d, core flag %d\n", h->name, WTERMSIG(st),
                   WCOREDUMP(st) != 0);
        else
            printf("%s: status 0x%x\n", h->name, st);
        describe(dir, h, &stack_word);
    }
    rmdir(dir);
    return 0;
}
