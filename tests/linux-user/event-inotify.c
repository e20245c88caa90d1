/* inotify on the working directory: create, write, close, rename,
 * delete, each event read back with its name; watch removal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%s: -1 %s\n", what, strerror(errno));
    else
        printf("%s: %ld\n", what, r);
}

static uint32_t rename_cookie;

static void drain(int in, int wd)
{
    char buf[4096] __attribute__((aligned(8)));
    long n;

    while ((n = read(in, buf, sizeof(buf))) > 0) {
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            int cookie = 0;
            if (e->mask & (IN_MOVED_FROM | IN_MOVED_TO)) {
                if (e->mask & IN_MOVED_FROM)
                    rename_cookie = e->cookie;
                cookie = e->cookie == rename_cookie && e->cookie != 0;
            }
            printf("  wd ok %d mask %#x len%%8 %u name \"%s\" cookie pairs %d\n", e->wd == wd,
                   e->mask, e->len % 8, e->len ? e->name : "", cookie);
            p += sizeof(*e) + e->len;
        }
    }
    printf("  end: %s\n", strerror(errno));
}

int main(void)
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    mkdir("d", 0755);
    int wd = inotify_add_watch(in, "d", IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVE |
                               IN_DELETE | IN_DELETE_SELF | IN_IGNORED);
    printf("wd > 0: %d\n", wd > 0);
    show("same watch again", inotify_add_watch(in, "d", IN_CREATE | IN_MASK_ADD) == wd);

    int fd = open("d/a-rather-long-file-name", O_WRONLY | O_CREAT, 0644);
    write(fd, "x", 1);
    close(fd);
    rename("d/a-rather-long-file-name", "d/b");
    unlink("d/b");
    errno = 0;
    drain(in, wd);

    show("rm_watch", inotify_rm_watch(in, wd));
    errno = 0;
    drain(in, wd);
    show("rm_watch again", inotify_rm_watch(in, wd));
    show("missing", inotify_add_watch(in, "nonexistent", IN_CREATE));
    show("bad path", syscall(SYS_inotify_add_watch, in, (void *)16, IN_CREATE));
    show("no events", inotify_add_watch(in, ".", 0));

    /* the directory removed while watched */
    wd = inotify_add_watch(in, "d", IN_DELETE_SELF);
    rmdir("d");
    errno = 0;
    drain(in, wd);
    return 0;
}
