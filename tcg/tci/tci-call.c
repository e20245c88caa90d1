/*
 * Helper calls from TCI through libffi.  A call interface (ffi_cif) is
 * prepared once per helper signature (result type and argument types) and
 * kept for the life of the process; the cache is a small table searched
 * under a lock on first use of each helper signature and lock-free after.
 */
#include <ffi.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/tci/tci.h"

#define MAX_SIGS 256

struct sig {
    uint8_t ret, nargs, args[TCG_MAX_HELPER_ARGS];
    ffi_cif cif;
    ffi_type *types[TCG_MAX_HELPER_ARGS];
};

static struct sig sigs[MAX_SIGS];
static int nb_sigs;
static pthread_mutex_t sigs_lock = PTHREAD_MUTEX_INITIALIZER;

static ffi_type *ffi_of(int type)
{
    switch (type) {
    case TCG_TYPE_I32: return &ffi_type_uint32;
    case TCG_TYPE_I64: return &ffi_type_uint64;
    case TCG_TYPE_PTR: return &ffi_type_pointer;
    default: return &ffi_type_void;
    }
}

static bool same(const struct sig *g, const struct tcg_helper *h)
{
    return g->ret == h->ret && g->nargs == h->nargs &&
           !memcmp(g->args, h->args, h->nargs);
}

static ffi_cif *cif_for(const struct tcg_helper *h)
{
    int n = __atomic_load_n(&nb_sigs, __ATOMIC_ACQUIRE);
    struct sig *g;

    for (int i = 0; i < n; i++) {
        if (same(&sigs[i], h))
            return &sigs[i].cif;
    }
    pthread_mutex_lock(&sigs_lock);
    for (int i = n; i < nb_sigs; i++) {
        if (same(&sigs[i], h)) {
            pthread_mutex_unlock(&sigs_lock);
            return &sigs[i].cif;
        }
    }
    if (nb_sigs == MAX_SIGS) {
        fprintf(stderr, "tci: too many helper signatures\n");
        abort();
    }
    g = &sigs[nb_sigs];
    g->ret = h->ret;
    g->nargs = h->nargs;
    memcpy(g->args, h->args, h->nargs);
    for (int i = 0; i < h->nargs; i++)
        g->types[i] = ffi_of(h->args[i]);
    if (ffi_prep_cif(&g->cif, FFI_DEFAULT_ABI, h->nargs, ffi_of(h->ret),
                     g->types) != FFI_OK) {
        fprintf(stderr, "tci: ffi_prep_cif failed for %s\n", h->name);
        abort();
    }
    __atomic_store_n(&nb_sigs, nb_sigs + 1, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&sigs_lock);
    return &g->cif;
}

/* Running guest code takes sigs_lock (a helper's first call): a fork
 * must not leave it held in the child. */
void tci_fork_start(void)
{
    pthread_mutex_lock(&sigs_lock);
}

void tci_fork_end(bool child)
{
    if (child) {
        pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

        sigs_lock = m;
        return;
    }
    pthread_mutex_unlock(&sigs_lock);
}

uint64_t tci_call(const struct tcg_helper *h, const uint64_t *args)
{
    uint32_t a32[TCG_MAX_HELPER_ARGS];
    void *ptrs[TCG_MAX_HELPER_ARGS];
    void *avalue[TCG_MAX_HELPER_ARGS];
    ffi_arg ret = 0;

    for (int i = 0; i < h->nargs; i++) {
        if (h->args[i] == TCG_TYPE_I32) {
            a32[i] = (uint32_t)args[i];
            avalue[i] = &a32[i];
        } else if (h->args[i] == TCG_TYPE_PTR) {
            ptrs[i] = (void *)(uintptr_t)args[i];
            avalue[i] = &ptrs[i];
        } else {
            avalue[i] = (void *)&args[i];
        }
    }
    if (tcg_profiling) {
        uint64_t t0 = tcg_profile_cycles();

        ffi_call(cif_for(h), FFI_FN(h->func), &ret, avalue);
        __atomic_add_fetch(&tcg_prof.helper_cycles, tcg_profile_cycles() - t0,
                           __ATOMIC_RELAXED);
        __atomic_add_fetch(&tcg_prof.helper_calls, 1, __ATOMIC_RELAXED);
        return (uint64_t)ret;
    }
    ffi_call(cif_for(h), FFI_FN(h->func), &ret, avalue);
    return (uint64_t)ret;
}
