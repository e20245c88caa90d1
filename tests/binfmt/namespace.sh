#!/bin/sh
# Run by tests/binfmt/run inside `unshare -Urm`: a private user and
# mount namespace whose binfmt_misc instance (Linux >= 6.7) starts empty.
# Each step leaves NAME.out, NAME.err and NAME.rc in $T for run to check;
# lines on stdout say which steps happened.  No assertion is made here.
#
# In: CONF (uemu-binfmt-conf), UEMU_DIR (holds uemu-riscv64), T (the
# programs: argv0, argv0-dyn, execve, interp, script, wrap, wrap-p,
# uemu-riscv64 (a link to uemu), chroot/),
# STATIC_UEMU, SYSROOT (the riscv64 sysroot for UEMU_LD_PREFIX), SDFILE.
set -u
mp=/proc/sys/fs/binfmt_misc
step() { name=$1; shift; "$@" > "$T/$name.out" 2> "$T/$name.err"; echo $? > "$T/$name.rc"; }
entry() { "$CONF" "$@" riscv64 > /dev/null; }

err=$(mount -t binfmt_misc binfmt_misc $mp 2>&1) || { echo "cannot mount binfmt_misc: $err"; exit 0; }
echo MOUNTED

# No entry yet: the kernel refuses a riscv64 program, so a guest's execve
# of one can only succeed through uemu's own re-exec.
step exec-none-direct "$T/argv0"
step exec-none "$UEMU_DIR/uemu-riscv64" "$T/execve" "$T/argv0" "$T/argv0" x y
step exec-none-argv0 "$UEMU_DIR/uemu-riscv64" "$T/execve" "$T/argv0" custom x y

# The script mounts binfmt_misc itself where it is absent: a second
# mount point shows the namespace's one instance.
mkdir "$T/bm"
"$CONF" --mount-point "$T/bm" --uemu-path "$UEMU_DIR" riscv64 > /dev/null || { echo "REGISTER-FAILED"; exit 0; }
[ -e "$T/bm/uemu-riscv64" ] && echo "MOUNTED-BY-SCRIPT"
echo "ENTRY $(tr '\n' '|' < $mp/uemu-riscv64)"
step list "$CONF" --list riscv64
step static "$T/argv0" a b
# binfmt runs uemu without options: the dynamic linker's prefix comes
# from the environment.
step dynamic env UEMU_LD_PREFIX="$SYSROOT" "$T/argv0-dyn" a b
step dynamic-noprefix env -u UEMU_LD_PREFIX "$T/argv0-dyn" a b
# The kernel reads "#!$T/interp", execs that riscv64 program, and binfmt
# hands it to uemu.
step script "$T/script" a b
step exec-script "$T/execve" "$T/script" "$T/script" c

# The interpreter is a wrapper that logs each start: a line in wrap.log
# means the kernel went through the entry.
entry --interpreter "$T/wrap"
step wrap-direct "$T/argv0" w
step exec-entry "$UEMU_DIR/uemu-riscv64" "$T/execve" "$T/argv0" "$T/argv0" x y

# P: the program sees the argv[0] it was started with; without P, its path.
entry --uemu-path "$UEMU_DIR" --preserve-argv0 && echo "P-REGISTERED"
step argv0-p bash -c 'exec -a custom-name "$1" x y' _ "$T/argv0"
step exec-p "$UEMU_DIR/uemu-riscv64" "$T/execve" "$T/argv0" custom x y
# Before Linux 5.12 uemu knows about P only from its name, -binfmt-P.
entry --interpreter "$T/uemu-riscv64" --preserve-argv0 --argv0-link &&
    echo "LINK-REGISTERED $(sed -n 's/^interpreter //p' $mp/uemu-riscv64)"
step argv0-link bash -c 'exec -a custom-name "$1" x y' _ "$T/argv0"
# wrap-p runs that link: its exec of uemu leaves uemu no AT_FLAGS.
entry --interpreter "$T/wrap-p" --preserve-argv0
step argv0-name bash -c 'exec -a custom-name "$1" x y' _ "$T/argv0"
entry --uemu-path "$UEMU_DIR"
step argv0-nop bash -c 'exec -a custom-name "$1" x y' _ "$T/argv0"
# O and C: uemu gets the program as an open descriptor (AT_EXECFD).
entry --uemu-path "$UEMU_DIR" --credential && grep -q '^flags: OC' $mp/uemu-riscv64 && echo "OC-REGISTERED"
step oc "$T/argv0" x y
# F: the interpreter is opened now, so it runs in a chroot without uemu
# (a static uemu: the chroot has no libraries either).
if [ -x "$STATIC_UEMU" ]; then
    entry --interpreter "$STATIC_UEMU" --persistent && echo "F-REGISTERED"
    step chroot-f chroot "$T/chroot" /argv0 x y
    step chroot-f-dyn env -u UEMU_LD_PREFIX chroot "$T/chroot" /argv0-dyn x y
fi
# The kernel parses a binfmt.d line as it parses a register write.
echo -1 > $mp/uemu-riscv64
grep -v '^[#;]' "$SDFILE" | grep -v '^$' | tr -d '\n' > $mp/register && echo "SYSTEMD-LINE-ACCEPTED"
entry --uemu-path "$UEMU_DIR"
"$CONF" --unregister > /dev/null
[ -e $mp/uemu-riscv64 ] && echo "STILL-THERE"
step after "$T/argv0"
