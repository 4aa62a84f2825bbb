# HTIF, the riscv-tests host interface: print through the syscall device (a magic_mem block
# whose address is written to tohost: SYS_write = 64, fd 1), wait for fromhost, print one
# character through the console device (device 1, command 1), then exit with tohost = 1
# (riscv-tests' "pass": exit code 0). rvisor finds tohost/fromhost by their ELF symbols.
    .section .text.init
    .globl _start
_start:
    la    s0, tohost
    la    s1, fromhost
    la    t0, magic
    li    t1, 64                  # SYS_write
    sd    t1, 0(t0)
    li    t1, 1                   # stdout
    sd    t1, 8(t0)
    la    t1, msg
    sd    t1, 16(t0)
    li    t1, 9                   # strlen("PASS htif")
    sd    t1, 24(t0)
    fence
    sd    t0, 0(s0)
1:  ld    t1, 0(s1)               # the host answers in fromhost
    beqz  t1, 1b
    sd    zero, 0(s1)
    ld    t1, 0(t0)               # and leaves the syscall's return value in magic[0]
    li    t2, 9
    bne   t1, t2, fail
    li    t1, (1 << 56) | (1 << 48) | 10   # putchar '\n'
    sd    t1, 0(s0)
2:  ld    t1, 0(s1)
    beqz  t1, 2b
    sd    zero, 0(s1)
    li    t1, 1                   # exit(0)
    sd    t1, 0(s0)
3:  j     3b
fail:
    li    t1, (3 << 1) | 1        # exit(3)
    sd    t1, 0(s0)
4:  j     4b

    .section .rodata
msg: .ascii "PASS htif"
msg_end:

    .data
    .balign 64
magic: .dword 0, 0, 0, 0, 0, 0, 0, 0

    .section .tohost, "aw", @progbits
    .balign 64
    .globl tohost
tohost: .dword 0
    .balign 64
    .globl fromhost
fromhost: .dword 0
