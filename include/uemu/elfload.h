/*
 * ELF probing and loading of guest programs (accel/user/elf-probe.c,
 * accel/user/elf-load.c).
 *
 * elf_probe() opens a program, checks every header field the loader
 * relies on and finds its ISA and OS personality; nothing is mapped.
 * elf_load() then maps its PT_LOAD segments through a personality's mmap
 * backend.  Both fill image->error with a one-line reason (without the
 * "uemu: PATH: " prefix) when they fail, so a caller prints
 * "uemu: PATH: reason" and never runs a half-loaded program.
 *
 *     struct elf_image img;
 *     struct elf_load_info info;
 *     if (elf_probe(&img, path) < 0 ||
 *         elf_load(&img, ops, target_page_size, &info) < 0)
 *         fprintf(stderr, "uemu: %s: %s\n", path, img.error);
 *     elf_image_close(&img);
 */
#ifndef UEMU_ELFLOAD_H
#define UEMU_ELFLOAD_H

#include "uemu/isa.h"
#include "uemu/personality.h"
#include "uemu/types.h"

/* A PT_LOAD segment as found in the file (addresses before any bias). */
struct elf_segment {
    guest_addr vaddr;
    guest_addr memsz;
    uint64_t offset;
    uint64_t filesz;
    uint64_t align;
    int prot;               /* PROT_READ/WRITE/EXEC from p_flags */
};

struct elf_image {
    const char *path;
    int fd;                 /* open while the image is; map_file reads it */
    enum guest_isa isa;
    enum guest_os os;
    unsigned type;          /* ET_EXEC or ET_DYN */
    uint32_t e_flags;
    guest_addr entry;       /* e_entry, before the load bias */
    uint64_t phoff;
    unsigned phnum;
    unsigned phentsize;
    bool have_phdr;         /* PT_PHDR present */
    guest_addr phdr_vaddr;  /* PT_PHDR p_vaddr */
    struct elf_segment *segs;   /* the PT_LOADs, sorted by vaddr */
    unsigned nsegs;
    guest_addr max_align;   /* largest PT_LOAD p_align (at least 1) */
    char *interp;           /* PT_INTERP path, or NULL */
    int stack_prot;         /* PT_GNU_STACK p_flags as PROT_*; -1: no PT_GNU_STACK */
    char error[256];
};

/* What elf_load() mapped, for the personality's stack/auxv set-up. */
struct elf_load_info {
    enum guest_isa isa;
    enum guest_os os;
    unsigned type;
    uint32_t e_flags;
    guest_addr load_bias;   /* added to every p_vaddr (0 for ET_EXEC) */
    guest_addr load_addr;   /* lowest mapped address */
    guest_addr load_end;    /* end of the highest mapping (page-aligned) */
    guest_addr entry;
    guest_addr phdr;        /* guest address of the program headers; 0 if not loaded */
    unsigned phnum;
    unsigned phentsize;
    guest_addr start_code, end_code;    /* executable segments, file part */
    guest_addr start_data, end_data;    /* writable segments, file part */
    guest_addr brk;         /* end of the highest segment, page-aligned */
    const char *interp;     /* points into the image; NULL when static */
    int stack_prot;         /* PT_GNU_STACK as PROT_*; -1: none (the ABI's default) */
};

/*
 * Open and check path.  Returns 0, or -1 with image->error set.  Always
 * call elf_image_close() afterwards, whatever the result.
 */
int elf_probe(struct elf_image *image, const char *path);
/*
 * The same for a program already open as fd (binfmt_misc's AT_EXECFD),
 * named path in messages; the image owns fd from now on.
 */
int elf_probe_fd(struct elf_image *image, int fd, const char *path);
void elf_image_close(struct elf_image *image);

/*
 * Map image's PT_LOAD segments through ops with target page size tps:
 * ET_EXEC at its addresses, ET_DYN where ops->reserve puts it.  The bss
 * (including the tail of the last file page) reads as zero.  Returns 0,
 * or -errno with image->error set and nothing left mapped.
 */
int elf_load(struct elf_image *image, const struct personality_mmap_ops *ops,
             guest_addr tps, struct elf_load_info *info);

/* "riscv64"-style name of an ELF e_machine, or NULL when unknown. */
const char *elf_machine_name(unsigned machine);

#endif
