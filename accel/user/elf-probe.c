/*
 * ELF probe: open a guest program, decide its ISA and OS personality,
 * and check every header field the loader will trust.
 *
 * Parsing is libelf's; this file adds the checks libelf leaves to its
 * callers (it is happy with 32-bit, big-endian, overlapping or
 * out-of-file segments), and reads the identification bytes itself only
 * to say precisely why a file is not a 64-bit little-endian ELF.
 *
 * Constraints: any input, however malformed, ends in 0 or -1 with one
 * printable line in image->error; nothing is mapped here.  Checks that
 * need the target page size or the guest address space are the loader's.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uemu/elfload.h"

#ifndef EM_LOONGARCH
#define EM_LOONGARCH 258
#endif

/* The FreeBSD ABI tag note (.note.tag): owner "FreeBSD", type 1. */
#define FREEBSD_NOTE_OWNER  "FreeBSD"
#define NT_FREEBSD_ABI_TAG  1

/* Larger than any guest address space uemu offers (47 bits). */
#define ELF_SPAN_MAX        (1ull << 47)
/* Program header table size limit, as the Linux loader's. */
#define ELF_PHDRS_MAX_BYTES 65536u

static const struct {
    unsigned machine;
    const char *name;
} machine_names[] = {
    { EM_RISCV, "riscv64" },     { EM_AARCH64, "aarch64" },
    { EM_386, "i386" },          { EM_X86_64, "x86-64" },
    { EM_ARM, "ARM" },           { EM_MIPS, "MIPS" },
    { EM_PPC, "PowerPC" },       { EM_PPC64, "PowerPC64" },
    { EM_S390, "S/390" },        { EM_SPARC, "SPARC" },
    { EM_SPARCV9, "SPARC V9" },  { EM_IA_64, "IA-64" },
    { EM_68K, "m68k" },          { EM_SH, "SuperH" },
    { EM_ALPHA, "Alpha" },       { EM_LOONGARCH, "LoongArch" },
    { EM_BPF, "BPF" },           { EM_PARISC, "PA-RISC" },
};

static const struct {
    unsigned machine;
    enum guest_isa isa;
} supported_machines[] = {
    { EM_RISCV, GUEST_ISA_RISCV64 },
    { EM_AARCH64, GUEST_ISA_AARCH64 },
};

const char *elf_machine_name(unsigned machine)
{
    for (size_t i = 0; i < ARRAY_SIZE(machine_names); i++) {
        if (machine_names[i].machine == machine) {
            return machine_names[i].name;
        }
    }
    return NULL;
}

static int fail(struct elf_image *img, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int fail(struct elf_image *img, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(img->error, sizeof(img->error), fmt, ap);
    va_end(ap);
    return -1;
}

/* Read exactly len bytes at off; -errno, or -EIO when the file is short. */
static int pread_full(int fd, void *buf, size_t len, off_t off)
{
    size_t done = 0;

    while (done < len) {
        ssize_t n = pread(fd, (char *)buf + done, len - done, off + (off_t)done);

        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            return -errno;
        }
        if (n == 0) {
            return -EIO;
        }
        done += (size_t)n;
    }
    return 0;
}

static int prot_of(uint32_t flags)
{
    return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
           (flags & PF_X ? PROT_EXEC : 0);
}

/* Is [off, off + len) inside a file of size bytes (without overflow)? */
static bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/* The identification bytes, read by hand to name the exact problem. */
static int check_ident(struct elf_image *img, uint64_t size)
{
    unsigned char ident[EI_NIDENT];
    size_t n = size < EI_NIDENT ? (size_t)size : EI_NIDENT;
    int r = pread_full(img->fd, ident, n, 0);

    if (r < 0) {
        return fail(img, "cannot read: %s", strerror(-r));
    }
    if (n < SELFMAG || memcmp(ident, ELFMAG, SELFMAG) != 0) {
        return fail(img, "not an ELF file");
    }
    if (n < EI_NIDENT) {
        return fail(img, "truncated ELF header (%zu of %zu bytes)",
                    n, sizeof(Elf64_Ehdr));
    }
    if (ident[EI_CLASS] == ELFCLASS32) {
        return fail(img, "32-bit ELF is not supported (only 64-bit guests)");
    }
    if (ident[EI_CLASS] != ELFCLASS64) {
        return fail(img, "bad ELF class %u", ident[EI_CLASS]);
    }
    if (ident[EI_DATA] == ELFDATA2MSB) {
        return fail(img, "big-endian ELF is not supported (only little-endian guests)");
    }
    if (ident[EI_DATA] != ELFDATA2LSB) {
        return fail(img, "bad ELF data encoding %u", ident[EI_DATA]);
    }
    if (ident[EI_VERSION] != EV_CURRENT) {
        return fail(img, "bad ELF identification version %u", ident[EI_VERSION]);
    }
    if (size < sizeof(Elf64_Ehdr)) {
        return fail(img, "truncated ELF header (%zu of %zu bytes)",
                    (size_t)size, sizeof(Elf64_Ehdr));
    }
    return ident[EI_OSABI] == ELFOSABI_FREEBSD;
}

static int check_ehdr(struct elf_image *img, const GElf_Ehdr *eh)
{
    size_t i;

    if (eh->e_version != EV_CURRENT) {
        return fail(img, "bad e_version %u", (unsigned)eh->e_version);
    }
    if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN) {
        return fail(img, "not an executable (e_type %s)",
                    eh->e_type == ET_REL ? "ET_REL, an object file" :
                    eh->e_type == ET_CORE ? "ET_CORE, a core dump" : "unknown");
    }
    for (i = 0; i < ARRAY_SIZE(supported_machines); i++) {
        if (supported_machines[i].machine == eh->e_machine) {
            img->isa = supported_machines[i].isa;
            break;
        }
    }
    if (i == ARRAY_SIZE(supported_machines)) {
        const char *name = elf_machine_name(eh->e_machine);

        return name ? fail(img, "unsupported machine %s", name)
                    : fail(img, "unsupported machine %u", (unsigned)eh->e_machine);
    }
    if (eh->e_phentsize != sizeof(Elf64_Phdr)) {
        return fail(img, "bad e_phentsize %u (expected %zu)",
                    (unsigned)eh->e_phentsize, sizeof(Elf64_Phdr));
    }
    img->type = eh->e_type;
    img->e_flags = eh->e_flags;
    img->entry = eh->e_entry;
    img->phoff = eh->e_phoff;
    img->phentsize = eh->e_phentsize;
    return 0;
}

/* Copy s into out (at most outlen - 1 bytes) with non-printables as '?'. */
static void printable(char *out, size_t outlen, const char *s)
{
    size_t i;

    for (i = 0; s[i] && i + 1 < outlen; i++) {
        out[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
    }
    out[i] = '\0';
}

static int read_interp(struct elf_image *img, const GElf_Phdr *ph, uint64_t size)
{
    char shown[80];

    if (img->interp) {
        return fail(img, "more than one PT_INTERP");
    }
    if (!in_file(ph->p_offset, ph->p_filesz, size)) {
        return fail(img, "PT_INTERP outside the file (offset 0x%llx size 0x%llx)",
                    (unsigned long long)ph->p_offset, (unsigned long long)ph->p_filesz);
    }
    if (ph->p_filesz < 2 || ph->p_filesz >= PATH_MAX) {
        return fail(img, "bad PT_INTERP length %llu", (unsigned long long)ph->p_filesz);
    }
    img->interp = malloc(ph->p_filesz);
    if (!img->interp) {
        return fail(img, "out of memory");
    }
    if (pread_full(img->fd, img->interp, ph->p_filesz, (off_t)ph->p_offset) < 0) {
        return fail(img, "cannot read PT_INTERP");
    }
    if (img->interp[ph->p_filesz - 1] != '\0') {
        return fail(img, "interpreter path is not NUL-terminated");
    }
    if (strlen(img->interp) != ph->p_filesz - 1) {
        return fail(img, "interpreter path has an embedded NUL");
    }
    if (img->interp[0] != '/') {
        printable(shown, sizeof(shown), img->interp);
        return fail(img, "interpreter path '%s' is not absolute", shown);
    }
    return 0;
}

static int check_load(struct elf_image *img, const GElf_Phdr *ph, unsigned idx,
                      uint64_t size)
{
    struct elf_segment *s = &img->segs[img->nsegs];

    if (ph->p_align > 1 && (ph->p_align & (ph->p_align - 1))) {
        return fail(img, "segment %u: p_align 0x%llx is not a power of two",
                    idx, (unsigned long long)ph->p_align);
    }
    if (ph->p_align > ELF_SPAN_MAX) {
        return fail(img, "segment %u: p_align 0x%llx is too large",
                    idx, (unsigned long long)ph->p_align);
    }
    if (ph->p_align > 1 && (ph->p_vaddr - ph->p_offset) % ph->p_align) {
        return fail(img, "segment %u: p_vaddr 0x%llx and p_offset 0x%llx disagree "
                    "modulo p_align 0x%llx", idx, (unsigned long long)ph->p_vaddr,
                    (unsigned long long)ph->p_offset, (unsigned long long)ph->p_align);
    }
    if (ph->p_filesz > ph->p_memsz) {
        return fail(img, "segment %u: p_filesz 0x%llx > p_memsz 0x%llx", idx,
                    (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    }
    if (ph->p_memsz > ELF_SPAN_MAX || ph->p_vaddr + ph->p_memsz < ph->p_vaddr) {
        return fail(img, "segment %u: p_vaddr 0x%llx + p_memsz 0x%llx is too large",
                    idx, (unsigned long long)ph->p_vaddr, (unsigned long long)ph->p_memsz);
    }
    if (ph->p_offset + ph->p_filesz < ph->p_offset) {
        return fail(img, "segment %u: p_offset + p_filesz overflows", idx);
    }
    if (!in_file(ph->p_offset, ph->p_filesz, size)) {
        return fail(img, "segment %u outside the file (offset 0x%llx size 0x%llx, "
                    "file 0x%llx)", idx, (unsigned long long)ph->p_offset,
                    (unsigned long long)ph->p_filesz, (unsigned long long)size);
    }
    if (img->nsegs > 0) {
        const struct elf_segment *prev = s - 1;

        if (ph->p_vaddr < prev->vaddr) {
            return fail(img, "segment %u: PT_LOAD segments not sorted by address", idx);
        }
        if (ph->p_vaddr < prev->vaddr + prev->memsz) {
            return fail(img, "segment %u: PT_LOAD segments overlap at 0x%llx",
                        idx, (unsigned long long)ph->p_vaddr);
        }
    }
    s->vaddr = ph->p_vaddr;
    s->memsz = ph->p_memsz;
    s->offset = ph->p_offset;
    s->filesz = ph->p_filesz;
    s->align = ph->p_align > 1 ? ph->p_align : 1;
    s->prot = prot_of(ph->p_flags);
    if (s->align > img->max_align) {
        img->max_align = s->align;
    }
    img->nsegs++;
    return 0;
}

/* True when the notes in data hold the FreeBSD ABI tag. */
static bool has_freebsd_tag(Elf_Data *data)
{
    GElf_Nhdr nh;
    size_t off = 0, name_off, desc_off, next;

    while (data && (next = gelf_getnote(data, off, &nh, &name_off, &desc_off)) > 0) {
        if (nh.n_type == NT_FREEBSD_ABI_TAG && nh.n_namesz == sizeof(FREEBSD_NOTE_OWNER) &&
            memcmp((const char *)data->d_buf + name_off, FREEBSD_NOTE_OWNER,
                   sizeof(FREEBSD_NOTE_OWNER)) == 0) {
            return true;
        }
        off = next;
    }
    return false;
}

static bool note_segment_is_freebsd(Elf *elf, const GElf_Phdr *ph)
{
    Elf_Type t = ph->p_align == 8 ? ELF_T_NHDR8 : ELF_T_NHDR;

    return has_freebsd_tag(elf_getdata_rawchunk(elf, (int64_t)ph->p_offset,
                                                ph->p_filesz, t));
}

/* A .note.tag section without a PT_NOTE covering it still counts. */
static bool note_sections_are_freebsd(Elf *elf)
{
    Elf_Scn *scn = NULL;
    GElf_Shdr sh;

    while ((scn = elf_nextscn(elf, scn)) != NULL) {
        if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_NOTE &&
            has_freebsd_tag(elf_getdata(scn, NULL))) {
            return true;
        }
    }
    return false;
}

static int check_phdrs(struct elf_image *img, Elf *elf, const GElf_Ehdr *eh,
                       uint64_t size, bool *freebsd)
{
    size_t phnum = eh->e_phnum;
    GElf_Phdr ph;
    bool exec_entry = false;

    /* libelf quietly clips the count to the file; only PN_XNUM needs it. */
    if (phnum == PN_XNUM && elf_getphdrnum(elf, &phnum) != 0) {
        return fail(img, "bad program header count: %s", elf_errmsg(-1));
    }
    if (phnum == 0) {
        return fail(img, "no program headers");
    }
    if (phnum > ELF_PHDRS_MAX_BYTES / sizeof(Elf64_Phdr)) {
        return fail(img, "too many program headers (%zu)", phnum);
    }
    if (!in_file(img->phoff, phnum * sizeof(Elf64_Phdr), size)) {
        return fail(img, "program headers outside the file (e_phoff 0x%llx, %zu entries)",
                    (unsigned long long)img->phoff, phnum);
    }
    img->phnum = (unsigned)phnum;
    img->max_align = 1;
    img->stack_prot = -1;
    img->segs = calloc(phnum, sizeof(*img->segs));
    if (!img->segs) {
        return fail(img, "out of memory");
    }
    for (unsigned i = 0; i < phnum; i++) {
        if (!gelf_getphdr(elf, (int)i, &ph)) {
            return fail(img, "cannot read program header %u: %s", i, elf_errmsg(-1));
        }
        switch (ph.p_type) {
        case PT_LOAD:
            if (check_load(img, &ph, i, size) < 0) {
                return -1;
            }
            break;
        case PT_INTERP:
            if (read_interp(img, &ph, size) < 0) {
                return -1;
            }
            break;
        case PT_GNU_STACK:
            img->stack_prot = prot_of(ph.p_flags);
            break;
        case PT_PHDR:
            img->have_phdr = true;
            img->phdr_vaddr = ph.p_vaddr;
            break;
        case PT_NOTE:
            if (!in_file(ph.p_offset, ph.p_filesz, size)) {
                return fail(img, "PT_NOTE outside the file");
            }
            if (!*freebsd && note_segment_is_freebsd(elf, &ph)) {
                *freebsd = true;
            }
            break;
        }
    }
    if (img->nsegs == 0) {
        return fail(img, "no PT_LOAD segment");
    }
    if (img->segs[img->nsegs - 1].vaddr + img->segs[img->nsegs - 1].memsz -
        ALIGN_DOWN(img->segs[0].vaddr, img->max_align) > ELF_SPAN_MAX) {
        return fail(img, "segments span more than the guest address space");
    }
    for (unsigned i = 0; i < img->nsegs; i++) {
        const struct elf_segment *s = &img->segs[i];

        if ((s->prot & PROT_EXEC) && img->entry >= s->vaddr &&
            img->entry - s->vaddr < s->memsz) {
            exec_entry = true;
        }
    }
    if (!exec_entry) {
        return fail(img, "entry point 0x%llx is not in an executable segment",
                    (unsigned long long)img->entry);
    }
    return 0;
}

int elf_probe(struct elf_image *img, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0) {
        memset(img, 0, sizeof(*img));
        img->path = path;
        img->fd = -1;
        return fail(img, "%s", strerror(errno));
    }
    return elf_probe_fd(img, fd, path);
}

int elf_probe_fd(struct elf_image *img, int fd, const char *path)
{
    struct stat st;
    Elf *elf = NULL;
    GElf_Ehdr eh;
    int r;
    bool freebsd;

    memset(img, 0, sizeof(*img));
    img->path = path;
    img->fd = fd;
    if (fstat(img->fd, &st) < 0) {
        return fail(img, "%s", strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        return fail(img, "is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
        return fail(img, "not a regular file");
    }
    r = check_ident(img, (uint64_t)st.st_size);
    if (r < 0) {
        return -1;
    }
    freebsd = r == 1;
    if (elf_version(EV_CURRENT) == EV_NONE) {
        return fail(img, "libelf: %s", elf_errmsg(-1));
    }
    elf = elf_begin(img->fd, ELF_C_READ, NULL);
    if (!elf || elf_kind(elf) != ELF_K_ELF || !gelf_getehdr(elf, &eh)) {
        r = fail(img, "bad ELF header: %s", elf_errmsg(-1));
    } else if (check_ehdr(img, &eh) < 0 ||
               check_phdrs(img, elf, &eh, (uint64_t)st.st_size, &freebsd) < 0) {
        r = -1;
    } else {
        if (!freebsd) {
            freebsd = note_sections_are_freebsd(elf);
        }
        img->os = freebsd ? GUEST_OS_FREEBSD : GUEST_OS_LINUX;
        r = 0;
    }
    elf_end(elf);
    return r;
}

void elf_image_close(struct elf_image *img)
{
    if (img->fd >= 0) {
        close(img->fd);
    }
    img->fd = -1;
    free(img->segs);
    img->segs = NULL;
    free(img->interp);
    img->interp = NULL;
}
