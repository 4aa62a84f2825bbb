# rvisor's demo guest: a bare-metal RV64 program that greets over the UART, shows which hart
# it runs on and how many instructions it took, then powers the machine off through the
# virt test device. Built by roms/build-demo.sh into roms/demo/hello.elf.
    .equ UART, 0x10000000
    .equ TEST, 0x100000

    .section .text.start
    .globl _start
_start:
    la    sp, stack_top
    mv    s0, a0                  # hart id
    mv    s1, a1                  # device tree
    bnez  s0, park                # only hart 0 talks
    la    a0, msg_hello
    call  puts
    la    a0, msg_hart
    call  puts
    mv    a0, s0
    call  putdec
    la    a0, msg_dtb
    call  puts
    mv    a0, s1
    call  puthex
    # Sum 1..1000000 to give the hart some work, and count the instructions it took.
    rdinstret s2
    li    t0, 1000000
    li    t1, 0
1:  add   t1, t1, t0
    addi  t0, t0, -1
    bnez  t0, 1b
    rdinstret s3
    mv    s4, t1
    la    a0, msg_sum
    call  puts
    mv    a0, s4
    call  putdec
    la    a0, msg_insns
    call  puts
    sub   a0, s3, s2
    call  putdec
    la    a0, msg_bye
    call  puts
    li    t0, TEST
    li    t1, 0x5555              # power off, exit code 0
    sw    t1, 0(t0)
park:
    wfi
    j     park

# puts(a0 = NUL-terminated string)
puts:
    li    t0, UART
1:  lbu   t1, 0(a0)
    beqz  t1, 2f
    sb    t1, 0(t0)
    addi  a0, a0, 1
    j     1b
2:  ret

# putdec(a0 = unsigned value)
putdec:
    addi  sp, sp, -32
    mv    t2, sp
    addi  t2, t2, 31
    sb    zero, 0(t2)
    li    t3, 10
1:  remu  t4, a0, t3
    divu  a0, a0, t3
    addi  t4, t4, '0'
    addi  t2, t2, -1
    sb    t4, 0(t2)
    bnez  a0, 1b
    mv    a0, t2
    mv    t5, ra
    call  puts
    mv    ra, t5
    addi  sp, sp, 32
    ret

# puthex(a0 = value), 0x-prefixed, 16 digits
puthex:
    li    t0, UART
    li    t1, '0'
    sb    t1, 0(t0)
    li    t1, 'x'
    sb    t1, 0(t0)
    li    t2, 60
1:  srl   t1, a0, t2
    andi  t1, t1, 15
    addi  t1, t1, '0'
    li    t3, '9'
    ble   t1, t3, 2f
    addi  t1, t1, 'a' - '0' - 10
2:  sb    t1, 0(t0)
    addi  t2, t2, -4
    bgez  t2, 1b
    ret

    .section .rodata
msg_hello: .asciz "Hello from a RISC-V guest running on rvisor!\n"
msg_hart:  .asciz "hart id: "
msg_dtb:   .asciz "\ndevice tree at: "
msg_sum:   .asciz "\nsum of 1..1000000 = "
msg_insns: .asciz "\ninstructions for that loop: "
msg_bye:   .asciz "\nBye: powering off through the virt test device.\n"

    .bss
    .balign 16
    .space 4096
stack_top:
