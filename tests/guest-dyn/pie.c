/*
 * A PIE program (-fPIE -pie): the auxv describes where the kernel (or
 * uemu) put it: AT_PHDR inside the image, AT_ENTRY at _start, AT_BASE at
 * the dynamic linker, no vDSO.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdio.h>
#include <sys/auxv.h>

extern char _start[];
static int visits;

static int first(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (visits++ == 0)
        *(ElfW(Addr) *)data = info->dlpi_addr + info->dlpi_phdr[0].p_vaddr;
    return 0;
}

int main(void)
{
    ElfW(Addr) phdr0 = 0;
    unsigned long ph = getauxval(AT_PHDR);

    dl_iterate_phdr(first, &phdr0);
    printf("AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long)_start ? "yes" : "no");
    printf("AT_PHDR in the program: %s\n",
           ph && ph < (unsigned long)_start && (unsigned long)_start - ph < 0x100000 ? "yes" : "no");
    printf("AT_BASE set: %s\n", getauxval(AT_BASE) != 0 ? "yes" : "no");
    printf("no vDSO: %s\n", getauxval(AT_SYSINFO_EHDR) == 0 ? "yes" : "no");
    printf("objects: %s\n", visits >= 3 ? "3 or more" : "too few");
    return 0;
}
