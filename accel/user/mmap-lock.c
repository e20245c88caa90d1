/*
 * The mmap lock: one recursive, per-thread lock guarding every change to
 * the guest address space.
 *
 * A plain mutex plus a thread-local depth: only the outermost
 * mmap_lock()/mmap_unlock() of a thread touch the mutex, so nested calls
 * (a backend calling the host-page layer, the loader calling a backend)
 * cost one increment.  Readers of the page table never take it.
 *
 * Fork protocol (mmap-lock.h): the forking thread takes the lock in
 * mmap_fork_start() so no other thread is half-way through a change when
 * the address space is copied; the parent releases it afterwards, the
 * child re-initialises it (the child has only the forking thread).
 * Forking while already holding the lock is a bug in the caller: the
 * child would inherit a depth it cannot unwind, so it aborts.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "uemu/mmap-lock.h"

static pthread_mutex_t mmap_mutex = PTHREAD_MUTEX_INITIALIZER;
static __thread unsigned mmap_depth;

static void mmap_lock_die(const char *msg)
{
    fprintf(stderr, "uemu: mmap lock: %s\n", msg);
    abort();
}

void mmap_lock(void)
{
    if (mmap_depth++ == 0 && pthread_mutex_lock(&mmap_mutex) != 0) {
        mmap_lock_die("cannot take the lock");
    }
}

void mmap_unlock(void)
{
    if (mmap_depth == 0) {
        mmap_lock_die("unlock without lock");
    }
    if (--mmap_depth == 0 && pthread_mutex_unlock(&mmap_mutex) != 0) {
        mmap_lock_die("cannot release the lock");
    }
}

bool mmap_lock_held(void)
{
    return mmap_depth > 0;
}

void mmap_fork_start(void)
{
    if (mmap_depth != 0) {
        mmap_lock_die("fork while this thread holds the lock");
    }
    mmap_lock();
}

void mmap_fork_end(bool child)
{
    if (mmap_depth != 1) {
        mmap_lock_die("mmap_fork_end without mmap_fork_start");
    }
    if (child) {
        /* The mutex copy may be in any internal state: start afresh. */
        pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;
        mmap_mutex = fresh;
        mmap_depth = 0;
    } else {
        mmap_unlock();
    }
}
