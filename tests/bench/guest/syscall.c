/* Syscall benchmark: many small write/read pairs through a pipe, plus
 * getppid and lseek on /dev/zero reads, so the cost is dominated by the
 * trip into the kernel (and, under an emulator, by its syscall path).
 * Prints a checksum of the bytes read and the call counts. */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define PIPE_ROUNDS 100000
#define MISC_ROUNDS 100000

int main(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    int zero = open("/dev/zero", O_RDONLY);
    if (zero < 0)
        return 1;
    uint8_t out[64], in[64];
    uint64_t sum = 0;
    long calls = 0;
    for (int r = 0; r < PIPE_ROUNDS; r++) {
        size_t n = 1 + (size_t)(r % 64);
        for (size_t i = 0; i < n; i++)
            out[i] = (uint8_t)(r + i);
        if (write(fds[1], out, n) != (ssize_t)n)
            return 2;
        if (read(fds[0], in, n) != (ssize_t)n)
            return 3;
        for (size_t i = 0; i < n; i++)
            sum = sum * 131 + in[i];
        calls += 2;
    }
    pid_t parent = getppid();
    long same = 0;
    for (int r = 0; r < MISC_ROUNDS; r++) {
        same += getppid() == parent;
        if (read(zero, in, 8) != 8 || in[0] != 0)
            return 4;
        calls += 2;
    }
    printf("sum %016llx calls %ld same %ld\n", (unsigned long long)sum,
           calls, same);
    return 0;
}
