/*
 * ELF loader: map a probed program's PT_LOAD segments into the guest
 * address space through a personality's mmap backend.
 *
 * ET_EXEC goes at its own addresses.  ET_DYN first reserves its whole
 * span (aligned to the largest p_align, at least the target page size)
 * with ops->reserve, then each segment is mapped over the reservation
 * with fixed semantics, so nothing else can land between segments.
 *
 * A segment is its file pages (map_file, offset and address rounded down
 * to the target page) followed by anonymous pages up to p_memsz.  The
 * bytes of the last file page past p_filesz are zeroed through g2h(),
 * lifting write protection for the moment it takes, because they are
 * bss and the file has other data there.
 *
 * Either every segment is mapped or, on failure, everything mapped so far
 * is unmapped again: a program never runs half-loaded.
 */
#include <errno.h>
#include <gelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "uemu/elfload.h"
#include "uemu/guest-space.h"

static int fail(struct elf_image *img, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct elf_image *img, int err, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(img->error, sizeof(img->error), fmt, ap);
    va_end(ap);
    return err;
}

/* Zero [from, end of its page): bss sharing the segment's last file page. */
static int zero_tail(const struct personality_mmap_ops *ops, guest_addr from,
                     int prot, guest_addr tps)
{
    guest_addr page = ALIGN_DOWN(from, tps);
    int r;

    if (!(prot & PROT_WRITE)) {
        r = ops->protect(page, tps, prot | PROT_WRITE);
        if (r < 0) {
            return r;
        }
    }
    memset(g2h(from), 0, page + tps - from);
    return prot & PROT_WRITE ? 0 : ops->protect(page, tps, prot);
}

/* Map one segment at bias; *end gets the end of what was mapped. */
static int map_segment(const struct elf_image *img, const struct elf_segment *s,
                       const struct personality_mmap_ops *ops, guest_addr bias,
                       guest_addr tps, guest_addr *end)
{
    guest_addr vaddr = s->vaddr + bias;
    guest_addr page = ALIGN_DOWN(vaddr, tps);
    guest_addr file_end = vaddr + s->filesz;
    guest_addr mem_end = ALIGN_UP(vaddr + s->memsz, tps);
    guest_addr anon_start = page;
    int64_t r;

    *end = page;
    if (s->memsz == 0) {
        return 0;
    }
    if (s->filesz > 0) {
        anon_start = ALIGN_UP(file_end, tps);
        r = ops->map_file(page, anon_start - page, s->prot, img->fd,
                          ALIGN_DOWN(s->offset, tps));
        if (r < 0) {
            return (int)r;
        }
        *end = anon_start;
        if (s->memsz > s->filesz && !IS_ALIGNED(file_end, tps)) {
            r = zero_tail(ops, file_end, s->prot, tps);
            if (r < 0) {
                return (int)r;
            }
        }
    }
    if (mem_end > anon_start) {
        r = ops->map_anon(anon_start, mem_end - anon_start, s->prot, true);
        if (r < 0) {
            return (int)r;
        }
        *end = mem_end;
    }
    return 0;
}

/* Guest address of the program headers: PT_PHDR, or the PT_LOAD holding them. */
static guest_addr phdr_address(const struct elf_image *img, guest_addr bias)
{
    uint64_t len = (uint64_t)img->phnum * img->phentsize;

    if (img->have_phdr) {
        return img->phdr_vaddr + bias;
    }
    for (unsigned i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];

        if (img->phoff >= s->offset && img->phoff - s->offset <= s->filesz &&
            len <= s->filesz - (img->phoff - s->offset)) {
            return s->vaddr + (img->phoff - s->offset) + bias;
        }
    }
    return 0;
}

static void fill_info(const struct elf_image *img, guest_addr bias, guest_addr lo,
                      guest_addr hi, struct elf_load_info *info)
{
    bool have_code = false, have_data = false;

    memset(info, 0, sizeof(*info));
    info->isa = img->isa;
    info->os = img->os;
    info->type = img->type;
    info->e_flags = img->e_flags;
    info->load_bias = bias;
    info->load_addr = lo + bias;
    info->load_end = hi + bias;
    info->entry = img->entry + bias;
    info->phdr = phdr_address(img, bias);
    info->phnum = img->phnum;
    info->phentsize = img->phentsize;
    info->brk = hi + bias;
    info->interp = img->interp;
    info->stack_prot = img->stack_prot;
    for (unsigned i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];
        guest_addr start = s->vaddr + bias, fend = start + s->filesz;

        if (s->prot & PROT_EXEC) {
            info->start_code = have_code && info->start_code < start ? info->start_code : start;
            info->end_code = have_code && info->end_code > fend ? info->end_code : fend;
            have_code = true;
        }
        if (s->prot & PROT_WRITE) {
            info->start_data = have_data && info->start_data < start ? info->start_data : start;
            info->end_data = have_data && info->end_data > fend ? info->end_data : fend;
            have_data = true;
        }
    }
    if (!have_data) {
        info->start_data = info->end_data = info->end_code;
    }
}

int elf_load(struct elf_image *img, const struct personality_mmap_ops *ops,
             guest_addr tps, struct elf_load_info *info)
{
    const struct elf_segment *last = &img->segs[img->nsegs - 1];
    guest_addr align = img->max_align > tps ? img->max_align : tps;
    guest_addr lo, hi, end = last->vaddr + last->memsz, bias = 0;
    guest_addr mapped_end[img->nsegs];
    unsigned i;
    int r = 0;

    if (end > UINT64_MAX - tps) {
        return fail(img, -ENOMEM, "segments end too high (0x%llx)",
                    (unsigned long long)end);
    }
    for (i = 0; i < img->nsegs; i++) {
        if ((img->segs[i].vaddr - img->segs[i].offset) % tps) {
            return fail(img, -EINVAL, "PT_LOAD %u: p_vaddr 0x%llx and p_offset 0x%llx "
                        "differ modulo the page size 0x%llx", i,
                        (unsigned long long)img->segs[i].vaddr,
                        (unsigned long long)img->segs[i].offset,
                        (unsigned long long)tps);
        }
    }
    hi = ALIGN_UP(end, tps);
    if (img->type == ET_DYN) {
        int64_t base;

        lo = ALIGN_DOWN(img->segs[0].vaddr, align);
        base = ops->reserve(lo, hi - lo, align);
        if (base < 0) {
            return fail(img, (int)base, "cannot reserve 0x%llx bytes for the program: %s",
                        (unsigned long long)(hi - lo), strerror((int)-base));
        }
        bias = (guest_addr)base - lo;
    } else {
        lo = ALIGN_DOWN(img->segs[0].vaddr, tps);
        if (!guest_range_valid(lo, hi - lo)) {
            return fail(img, -ENOMEM, "segments at 0x%llx-0x%llx lie outside the "
                        "guest address space", (unsigned long long)lo,
                        (unsigned long long)(hi - 1));
        }
    }
    for (i = 0; i < img->nsegs; i++) {
        r = map_segment(img, &img->segs[i], ops, bias, tps, &mapped_end[i]);
        if (r < 0) {
            fail(img, r, "cannot map segment at 0x%llx: %s",
                 (unsigned long long)(img->segs[i].vaddr + bias), strerror(-r));
            break;
        }
    }
    if (r < 0) {
        if (img->type == ET_DYN) {
            ops->unmap(lo + bias, hi - lo);
            return r;
        }
        for (unsigned j = 0; j <= i; j++) {
            guest_addr start = ALIGN_DOWN(img->segs[j].vaddr, tps);

            if (mapped_end[j] > start) {
                ops->unmap(start, mapped_end[j] - start);
            }
        }
        return r;
    }
    fill_info(img, bias, lo, hi, info);
    return 0;
}
