/*
 * A pipeline of three forked processes, as a shell builds it: the
 * producer writes the numbers 1..N as text, the middle one squares each
 * line, the consumer sums them and writes the total back to the parent
 * through a fourth pipe.  Every process closes the pipe ends it does not
 * use, so end of file travels down the pipeline; the parent reaps all
 * three and prints their statuses in order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 2000

static pid_t stage(int in, int out, int (*fn)(FILE *, FILE *), int *close_fds, int nclose)
{
    fflush(stdout);
    pid_t p = fork();
    if (p < 0) {
        perror("fork");
        exit(1);
    }
    if (p)
        return p;
    for (int i = 0; i < nclose; i++)
        if (close_fds[i] != in && close_fds[i] != out)
            close(close_fds[i]);
    FILE *fi = in >= 0 ? fdopen(in, "r") : NULL;
    FILE *fo = fdopen(out, "w");
    int r = fn(fi, fo);
    if (fclose(fo) != 0)
        r = 50;
    _exit(r);
}

static int produce(FILE *in, FILE *out)
{
    (void)in;
    for (int i = 1; i <= N; i++)
        fprintf(out, "%d\n", i);
    return 1;
}

static int square(FILE *in, FILE *out)
{
    long v;
    int lines = 0;
    while (fscanf(in, "%ld", &v) == 1) {
        fprintf(out, "%ld\n", v * v);
        lines++;
    }
    return lines == N ? 2 : 60;
}

static int sum(FILE *in, FILE *out)
{
    long v, total = 0;
    int lines = 0;
    while (fscanf(in, "%ld", &v) == 1) {
        total += v;
        lines++;
    }
    fprintf(out, "%d lines, total %ld\n", lines, total);
    return 3;
}

int main(void)
{
    int a[2], b[2], c[2];
    if (pipe(a) < 0 || pipe(b) < 0 || pipe(c) < 0)
        return 1;
    int all[6] = { a[0], a[1], b[0], b[1], c[0], c[1] };
    pid_t p1 = stage(-1, a[1], produce, all, 6);
    pid_t p2 = stage(a[0], b[1], square, all, 6);
    pid_t p3 = stage(b[0], c[1], sum, all, 6);
    for (int i = 0; i < 6; i++)
        if (all[i] != c[0])
            close(all[i]);
    char line[128];
    FILE *res = fdopen(c[0], "r");
    if (res && fgets(line, sizeof(line), res))
        printf("consumer says: %s", line);
    pid_t pids[3] = { p1, p2, p3 };
    for (int i = 0; i < 3; i++) {
        int st;
        if (waitpid(pids[i], &st, 0) != pids[i])
            perror("waitpid");
        printf("stage %d exited %d\n", i + 1, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    }
    printf("expected total %ld\n", (long)N * (N + 1) * (2 * N + 1) / 6);
    return 0;
}
