/*
 * The initial stack of a Linux ELF program: what the kernel's exec leaves
 * for the program's _start (or the dynamic linker's).
 *
 * From the top down: the execfn string, the environment strings, the
 * argument strings; the platform string and 16 random bytes; then, at a
 * 16-byte-aligned sp: argc, argv[] and NULL, envp[] and NULL, and the
 * auxiliary vector ending with AT_NULL.  Guest pointers are 64 bits.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "syscall.h"
#include "uemu/elfload.h"
#include "uemu/guest-space.h"
#include "uemu/linux-user.h"
#include "uemu/personality.h"

/* Auxiliary vector types (include/uapi/linux/auxvec.h). */
enum {
    LU_AT_NULL = 0, LU_AT_PHDR = 3, LU_AT_PHENT = 4, LU_AT_PHNUM = 5,
    LU_AT_PAGESZ = 6, LU_AT_BASE = 7, LU_AT_FLAGS = 8, LU_AT_ENTRY = 9,
    LU_AT_UID = 11, LU_AT_EUID = 12, LU_AT_GID = 13, LU_AT_EGID = 14,
    LU_AT_PLATFORM = 15, LU_AT_HWCAP = 16, LU_AT_CLKTCK = 17,
    LU_AT_SECURE = 23, LU_AT_RANDOM = 25, LU_AT_HWCAP2 = 26,
    LU_AT_EXECFN = 31,
};

#define MAX_AUXV 24

/* Copy a string down from *top; returns its guest address. */
static guest_addr push_string(guest_addr *top, const char *s)
{
    size_t n = strlen(s) + 1;
    *top -= n;
    memcpy(g2h(*top), s, n);
    return *top;
}

static size_t strings_size(char *const v[], int *count)
{
    size_t total = 0;
    int n = 0;
    for (; v && v[n]; n++)
        total += strlen(v[n]) + 1;
    if (count)
        *count = n;
    return total;
}

int lu_build_stack(const struct elf_load_info *exe, const struct elf_load_info *interp,
                   guest_addr stack_size, int argc, char *const argv[],
                   char *const envp[], const char *execfn,
                   struct lu_initial_stack *out)
{
    const struct personality_mmap_ops *ops = linux_user_personality.mmap;
    const char *platform = lu_cur_abi->platform;
    int envc;
    size_t str_bytes = strings_size(envp, &envc) + strlen(execfn) + 1;

    for (int i = 0; i < argc; i++)
        str_bytes += strlen(argv[i]) + 1;
    if (stack_size == 0)
        stack_size = LU_DEFAULT_STACK_SIZE;
    stack_size = ALIGN_UP(stack_size, target_page_size);
    if (stack_size == 0)
        return -ENOMEM;

    /* Strings, platform, random bytes, alignment, then the vectors. */
    size_t vec_words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + 2 * MAX_AUXV;
    size_t need = str_bytes + (platform ? strlen(platform) + 1 : 0) + 16 + 32 + vec_words * 8;
    if (need > stack_size / 4)      /* the kernel's limit on argument space */
        return -E2BIG;

    guest_addr guard = target_page_size;
    int64_t base = ops->map_anon(0, stack_size + guard, PROT_READ | PROT_WRITE, false);
    if (base < 0)
        return (int)base;
    int r = ops->protect((guest_addr)base, guard, PROT_NONE);
    if (r < 0) {
        ops->unmap((guest_addr)base, stack_size + guard);
        return r;
    }
    out->stack_low = (guest_addr)base + guard;
    out->stack_high = (guest_addr)base + guard + stack_size;

    guest_addr top = out->stack_high;
    out->execfn = push_string(&top, execfn);
    guest_addr *envs = envc ? calloc((size_t)envc, sizeof(*envs)) : NULL;
    guest_addr *args = argc ? calloc((size_t)argc, sizeof(*args)) : NULL;
    if ((envc && !envs) || (argc && !args)) {
        free(envs);
        free(args);
        ops->unmap((guest_addr)base, stack_size + guard);
        return -ENOMEM;
    }
    for (int i = envc - 1; i >= 0; i--)
        envs[i] = push_string(&top, envp[i]);
    for (int i = argc - 1; i >= 0; i--)
        args[i] = push_string(&top, argv[i]);
    guest_addr platform_addr = platform ? push_string(&top, platform) : 0;
    top = ALIGN_DOWN(top, 16) - 16;
    out->random = top;
    if (getrandom(g2h(top), 16, 0) != 16)
        memset(g2h(top), 0x5a, 16);   /* no entropy: still a defined value */

    uint64_t auxv[2 * MAX_AUXV];
    size_t na = 0;
#define AUX(type, val) (auxv[na++] = (type), auxv[na++] = (uint64_t)(val))
    AUX(LU_AT_PHDR, exe->phdr);
    AUX(LU_AT_PHENT, exe->phentsize);
    AUX(LU_AT_PHNUM, exe->phnum);
    AUX(LU_AT_PAGESZ, target_page_size);
    AUX(LU_AT_BASE, interp ? interp->load_bias : 0);
    AUX(LU_AT_FLAGS, 0);
    AUX(LU_AT_ENTRY, exe->entry);
    AUX(LU_AT_UID, getuid());
    AUX(LU_AT_EUID, geteuid());
    AUX(LU_AT_GID, getgid());
    AUX(LU_AT_EGID, getegid());
    AUX(LU_AT_HWCAP, lu_cur_abi->hwcap);
    AUX(LU_AT_CLKTCK, sysconf(_SC_CLK_TCK));
    AUX(LU_AT_SECURE, getauxval(AT_SECURE));
    AUX(LU_AT_RANDOM, out->random);
    AUX(LU_AT_EXECFN, out->execfn);
    if (platform_addr)
        AUX(LU_AT_PLATFORM, platform_addr);
    AUX(LU_AT_NULL, 0);
#undef AUX

    size_t words = 1 + (size_t)argc + 1 + (size_t)envc + 1 + na;
    guest_addr sp = ALIGN_DOWN(top - words * 8, 16);
    uint64_t *w = g2h(sp);
    *w++ = (uint64_t)argc;
    out->argv = h2g(w);
    for (int i = 0; i < argc; i++)
        *w++ = args[i];
    *w++ = 0;
    out->envp = h2g(w);
    for (int i = 0; i < envc; i++)
        *w++ = envs[i];
    *w++ = 0;
    out->auxv = h2g(w);
    memcpy(w, auxv, na * 8);
    out->sp = sp;
    free(envs);
    free(args);
    return 0;
}
