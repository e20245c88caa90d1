/*
 * Checked access to guest memory (see include/uemu/guest-mem.h).
 *
 * Every check is one or a few page-table range look-ups: a string is
 * scanned one mapped range at a time (strnlen over host memory), never
 * page by page.
 */
#include <errno.h>
#include <string.h>

#include "uemu/exec.h"
#include "uemu/guest-mem.h"
#include "uemu/guest-space.h"
#include "uemu/page-table.h"

void *guest_access(guest_addr addr, size_t len, unsigned prot)
{
    if (!guest_pages || !guest_range_valid(addr, len))
        return NULL;
    if (len == 0) {
        static char nothing;
        return g2h(addr) ? g2h(addr) : &nothing;
    }
    /* Pages write-protected for translated code are the guest's to write. */
    if (prot & PAGE_WRITE)
        exec_unprotect_for_write(addr, len);
    if (!page_table_check(guest_pages, addr, len, prot | PAGE_VALID))
        return NULL;
    return g2h(addr);
}

int copy_from_guest(void *dst, guest_addr src, size_t len)
{
    const void *p = guest_access(src, len, PAGE_READ);
    if (!p)
        return -EFAULT;
    memcpy(dst, p, len);
    return 0;
}

int copy_to_guest(guest_addr dst, const void *src, size_t len)
{
    void *p = guest_access(dst, len, PAGE_WRITE);
    if (!p)
        return -EFAULT;
    memcpy(p, src, len);
    return 0;
}

int64_t guest_strnlen(guest_addr addr, size_t max)
{
    size_t done = 0;

    if (!guest_pages)
        return -EFAULT;
    while (done < max) {
        guest_addr at = addr + done, start, last;
        unsigned flags;

        if (at < addr || at > guest_addr_max)   /* wrapped or left the space */
            return -EFAULT;
        page_table_lookup(guest_pages, at, &start, &last, &flags);
        if ((flags & (PAGE_VALID | PAGE_READ)) != (PAGE_VALID | PAGE_READ) ||
            (flags & PAGE_GUARD))
            return -EFAULT;
        if (last > guest_addr_max)
            last = guest_addr_max;
        size_t room = (size_t)(last - at) + 1;
        if (room == 0 || room > max - done)     /* room 0: the range is the whole space */
            room = max - done;
        const char *p = g2h(at);
        const char *nul = memchr(p, 0, room);
        if (nul)
            return (int64_t)(done + (size_t)(nul - p));
        done += room;
    }
    return -ENAMETOOLONG;
}

const char *guest_string(guest_addr addr, size_t max, int *err)
{
    int64_t len = guest_strnlen(addr, max);
    if (len < 0) {
        *err = (int)len;
        return NULL;
    }
    *err = 0;
    return g2h(addr);
}
