/*
 * rvisor self-checking test ROMs: shared runtime and macros.
 *
 * Each test is one bare-metal program for the QEMU "virt" machine, linked at 0x8000_0000 and
 * entered in M-mode. A test file looks like
 *
 *     #define TEST_NAME "rv64m"
 *     #include "common.h"
 *     TEST_MAIN
 *         TEST_RR_OP 1, mul, 6, 2, 3
 *         ...
 *         TEST_PASS
 *
 * Protocol: the runtime prints "PASS <name>" or "FAIL <name> <n> ..." on the ns16550 UART and
 * then writes the sifive_test finisher at 0x10_0000: 0x5555 (exit 0) or (n << 16) | 0x3333
 * (exit status n). n is the number of the failing check (register gp holds the current check
 * number); 255 means a failure outside any numbered check.
 *
 * Register conventions inside tests:
 *   gp (x3)  current check number (the trap handlers preserve it)
 *   tp (x4)  "expect a trap" flag: set tp = -1 right before an instruction that must trap.
 *            The handler of the mode that takes the exception then writes the exception
 *            cause into tp and resumes at the next instruction (epc + 2 or + 4; the M handler
 *            reads the instruction through the trapped mode's translation with MPRV), or,
 *            for an instruction access/page fault (cause 1/12), at the saved ra: reach a bad
 *            fetch address with `jalr ra, ...`.
 *            An exception with tp != -1 fails the test, except an ecall from U/S while a
 *            resume address is armed (see LOWER_BEGIN).
 *   t6 (x31) scratch of the CHECK macros.
 * Interrupts: the default handlers record the cause and clear the interrupt's enable bit in
 * mie (M handler) or sie (S handler), then return to the interrupted instruction.
 * Every trap is recorded: m_last_* / s_last_* hold cause, epc, tval, status and the vector
 * number (-1 for a direct-mode entry, else the table slot), m_log / s_log keep the causes of the
 * last 32 traps, m_count / s_count count them.
 */
#ifndef RVISOR_TESTS_COMMON_H
#define RVISOR_TESTS_COMMON_H

/* ---- Machine ---- */
#define UART_THR       0x10000000
#define TEST_FINISHER  0x100000
#define CLINT_MSIP     0x2000000
#define CLINT_MTIMECMP 0x2004000
#define CLINT_MTIME    0x200bff8

/* ---- CSR fields ---- */
#define MSTATUS_SIE   (1 << 1)
#define MSTATUS_MIE   (1 << 3)
#define MSTATUS_SPIE  (1 << 5)
#define MSTATUS_MPIE  (1 << 7)
#define MSTATUS_SPP   (1 << 8)
#define MSTATUS_MPP   (3 << 11)
#define MSTATUS_MPP_S (1 << 11)
#define MSTATUS_MPP_M (3 << 11)
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)
#define MSTATUS_TVM   (1 << 20)
#define MSTATUS_TW    (1 << 21)
#define MSTATUS_TSR   (1 << 22)
#define MSTATUS_UXL   (3 << 32)
#define MSTATUS_SXL   (3 << 34)

#define IRQ_SSI 1
#define IRQ_MSI 3
#define IRQ_STI 5
#define IRQ_MTI 7
#define IRQ_SEI 9
#define IRQ_MEI 11
#define MIP_SSIP (1 << IRQ_SSI)
#define MIP_MSIP (1 << IRQ_MSI)
#define MIP_STIP (1 << IRQ_STI)
#define MIP_MTIP (1 << IRQ_MTI)
#define INTR (1 << 63)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* Page table entry bits */
#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)

/* Trap frame layout: x1..x31 at 8*i, vector id at 8*32. */
#define FRAME_VEC   (32 * 8)
#define FRAME_SIZE  (34 * 8)
#define FRAME_TP    (4 * 8)

/* Offsets in the m_last / s_last records */
#define LAST_CAUSE  0
#define LAST_EPC    8
#define LAST_TVAL   16
#define LAST_STATUS 24
#define LAST_VEC    32

/* ------------------------------------------------------------------------------------------ */
/* Check macros                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* Start check number n. */
.macro TEST n
    li gp, \n
.endm

/* Fail unless register reg == constant val (uses t6). */
.macro CHECK reg, val
    li t6, \val
    beq \reg, t6, .Lok\@
    j fail
.Lok\@:
.endm

/* Fail unless reg1 == reg2. */
.macro CHECK_EQ reg1, reg2
    beq \reg1, \reg2, .Lok\@
    j fail
.Lok\@:
.endm

/* Fail unless reg1 != reg2. */
.macro CHECK_NE reg1, reg2
    bne \reg1, \reg2, .Lok\@
    j fail
.Lok\@:
.endm

/* Fail unless reg == address of label (uses t6). */
.macro CHECK_LA reg, label
    la t6, \label
    beq \reg, t6, .Lok\@
    j fail
.Lok\@:
.endm

/* Fail unless (reg & mask) == val (uses t5, t6). */
.macro CHECK_MASK reg, mask, val
    li t6, \mask
    and t5, \reg, t6
    li t6, \val
    beq t5, t6, .Lok\@
    j fail
.Lok\@:
.endm

/* Fail unless the 64-bit word at label holds val (uses t5, t6). */
.macro CHECK_MEM label, val
    ld t5, \label
    CHECK t5, \val
.endm

/* Register-register ALU op: rd = v1 op v2, with a0/a1/a2, then the rd==rs1 and rd==rs2 forms. */
.macro TEST_RR_OP n, inst, expected, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \inst a0, a1, a2
    CHECK a0, \expected
    CHECK a1, \v1
    CHECK a2, \v2
    \inst a1, a1, a2
    CHECK a1, \expected
    li a1, \v1
    \inst a2, a1, a2
    CHECK a2, \expected
.endm

/* Register-immediate op: rd = v1 op imm. */
.macro TEST_IMM_OP n, inst, expected, v1, imm
    TEST \n
    li a1, \v1
    \inst a0, a1, \imm
    CHECK a0, \expected
    \inst a1, a1, \imm
    CHECK a1, \expected
.endm

/* The result of an op into x0 is discarded. */
.macro TEST_RR_ZERODEST n, inst, v1, v2
    TEST \n
    li a1, \v1
    li a2, \v2
    \inst x0, a1, a2
    CHECK x0, 0
.endm

/* Expect the next instruction to trap: see the header comment. */
.macro EXPECT_TRAP
    li tp, -1
.endm

/* Fail unless the expected trap happened with the given cause (tp holds the cause). */
.macro CHECK_TRAP cause
    CHECK tp, \cause
    li tp, 0
.endm

/* Run `inst` expecting an exception with the given cause (taken by whatever handler). */
.macro TEST_TRAP n, cause, inst:vararg
    TEST \n
    li tp, -1
    \inst
    CHECK tp, \cause
    li tp, 0
.endm

/* Fail unless the last M-mode trap record matches (uses t5, t6). */
.macro CHECK_M_CAUSE cause
    ld t5, m_last + LAST_CAUSE
    CHECK t5, \cause
.endm
.macro CHECK_M_EPC label
    ld t5, m_last + LAST_EPC
    CHECK_LA t5, \label
.endm
.macro CHECK_M_TVAL val
    ld t5, m_last + LAST_TVAL
    CHECK t5, \val
.endm
.macro CHECK_M_TVAL_LA label
    ld t5, m_last + LAST_TVAL
    CHECK_LA t5, \label
.endm
.macro CHECK_S_CAUSE cause
    ld t5, s_last + LAST_CAUSE
    CHECK t5, \cause
.endm
.macro CHECK_S_EPC label
    ld t5, s_last + LAST_EPC
    CHECK_LA t5, \label
.endm
.macro CHECK_S_TVAL val
    ld t5, s_last + LAST_TVAL
    CHECK t5, \val
.endm

/* Forget the recorded traps (M and S). Uses t0. */
.macro TRAPS_RESET
    sd zero, m_count, t0
    sd zero, s_count, t0
    li t0, -1
    sd t0, m_last + LAST_CAUSE, t5
    sd t0, s_last + LAST_CAUSE, t5
.endm

/*
 * Run code in a lower privilege mode (from M-mode):
 *     LOWER_BEGIN PRV_S
 *         ... S-mode code ...
 *     LOWER_END
 * LOWER_BEGIN arms the M handler's resume address and mrets into the mode (with mstatus.MIE = 0,
 * MPRV = 0); LOWER_END executes
 * ecall, which the M handler records and answers by resuming in M-mode right after LOWER_END,
 * with all registers as they were at the ecall. The ecall's cause must not be delegated.
 * Uses t0; labels 87 and 88 are reserved.
 */
.macro LOWER_BEGIN mode
    la t0, 88f
    sd t0, m_resume, t5
    /* MPIE = 0: MIE stays 0 (in the lower mode and back in M after LOWER_END).
       MPRV = 0: QEMU 7.2's mret does not clear it. */
    li t0, MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, (\mode << 11)
    csrs mstatus, t0
    la t0, 87f
    csrw mepc, t0
    mret
87:
.endm
.macro LOWER_END
    ecall
88:
.endm

/*
 * The same from S-mode into U-mode, through the S handler (sepc/sret). S_LOWER_END's ecall
 * must be delegated to S (medeleg bit 8); labels 85 and 86 are reserved.
 */
.macro S_LOWER_BEGIN
    la t0, 86f
    sd t0, s_resume, t5
    li t0, MSTATUS_SPP
    csrc sstatus, t0
    la t0, 85f
    csrw sepc, t0
    sret
85:
.endm
.macro S_LOWER_END
    ecall
86:
.endm

/* Set mtimecmp to "never". Uses t0, t1. */
.macro TIMER_OFF
    li t0, CLINT_MTIMECMP
    li t1, -1
    sd t1, 0(t0)
.endm

/* Busy-wait until m_count (or s_count) reaches `n`, at most ~`loops` iterations. Uses t0, t1. */
.macro WAIT_M_COUNT n, loops=1000000
    li t1, \loops
.Lw\@:
    ld t0, m_count
    li t6, \n
    bge t0, t6, .Ld\@
    addi t1, t1, -1
    bnez t1, .Lw\@
.Ld\@:
.endm
.macro WAIT_S_COUNT n, loops=1000000
    li t1, \loops
.Lw\@:
    ld t0, s_count
    li t6, \n
    bge t0, t6, .Ld\@
    addi t1, t1, -1
    bnez t1, .Lw\@
.Ld\@:
.endm

/* Page-table helpers. PTE_LA: table[index] = PTE for the address of label; PTE_PA: for a
   constant physical address. Use t0-t3. */
.macro PTE_LA table, index, label, flags
    la t3, \label
    PTE_REG \table, \index, t3, \flags
.endm
.macro PTE_PA table, index, pa, flags
    li t3, \pa
    PTE_REG \table, \index, t3, \flags
.endm
.macro PTE_REG table, index, reg, flags
    srli t0, \reg, 12
    slli t0, t0, 10
    li t1, \flags
    or t0, t0, t1
    la t1, \table
    li t2, (\index) * 8
    add t1, t1, t2
    sd t0, 0(t1)
.endm
/* Load the PTE table[index] into reg (uses t1, t2). */
.macro PTE_GET reg, table, index
    la t1, \table
    li t2, (\index) * 8
    add t1, t1, t2
    ld \reg, 0(t1)
.endm
/* satp = mode | root >> 12, then sfence.vma. Uses t0, t1. */
.macro SATP_SET mode, root
    la t0, \root
    srli t0, t0, 12
    li t1, \mode
    or t0, t0, t1
    csrw satp, t0
    sfence.vma
.endm
#define PTE_LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

#define TEST_MAIN .text; .balign 4; .globl test_main; test_main:
#define TEST_PASS j pass

/* ------------------------------------------------------------------------------------------ */
/* Runtime                                                                                    */
/* ------------------------------------------------------------------------------------------ */

    .section .text.init, "ax", @progbits
    .option norelax
    .globl _start
_start:
    csrr t0, mhartid
#ifdef TEST_SECONDARY
    /* An smp2-* ROM gives its other harts code of their own (QEMU and rvisor start every hart
       here). It runs before hart 0 has cleared .bss or set anything up, so it may only use
       .data, and it has no trap handler or stack until it makes them. */
    beqz t0, .Lboot_hart
    j TEST_SECONDARY
.Lboot_hart:
#else
    bnez t0, park
#endif
    /* zero .bss and the page area */
    la t0, __bss_lo
    la t1, _end
1:  bgeu t0, t1, 2f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 1b
2:
    la t0, entry_a0
    sd a0, 0(t0)
    sd a1, 8(t0)
    li gp, 255
    li tp, 0
    la sp, stack_top
    /* PMP entry 0: NAPOT over the whole address space, RWX, so that S and U may access
       memory. Skipped (via the temporary mtvec) if the PMP CSRs trap. */
    la t0, 3f
    csrw mtvec, t0
    li t0, -1
    srli t0, t0, 10
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    .balign 4
3:
    la t0, m_trap_entry
    csrw mtvec, t0
    la t0, m_frame
    csrw mscratch, t0
    la t0, s_trap_entry
    csrw stvec, t0
    la t0, s_frame
    csrw sscratch, t0
    csrw mie, zero
    TIMER_OFF                /* QEMU resets mtimecmp to 0: MTIP would be pending */
    csrw medeleg, zero
    csrw mideleg, zero
    csrw satp, zero
    TRAPS_RESET
    li t0, 0
    li t1, 0
    li t5, 0
    li a0, 0
    li a1, 0
    j test_main

park:
    wfi
    j park

/* ---- M-mode trap handler ---- */
    .balign 4
    .globl m_trap_entry
m_trap_entry:
    csrrw sp, mscratch, sp
    beqz sp, m_nested
    sd t0, 5*8(sp)
    li t0, -1
m_trap_common:
    sd t0, FRAME_VEC(sp)
    .irp i, 1,3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\i, \i*8(sp)
    .endr
    csrr t0, mscratch
    sd t0, 2*8(sp)
    csrw mscratch, zero
    /* record */
    csrr a0, mcause
    csrr a1, mepc
    csrr a2, mtval
    csrr a3, mstatus
    ld a4, FRAME_VEC(sp)
    la t0, m_last
    sd a0, LAST_CAUSE(t0)
    sd a1, LAST_EPC(t0)
    sd a2, LAST_TVAL(t0)
    sd a3, LAST_STATUS(t0)
    sd a4, LAST_VEC(t0)
    la t0, m_count
    ld t1, 0(t0)
    andi t2, t1, 31
    slli t2, t2, 3
    la t3, m_log
    add t3, t3, t2
    sd a0, 0(t3)
    addi t1, t1, 1
    sd t1, 0(t0)
    /* a check failed in a lower mode and trapped on its way to `fail` */
    la t0, fail
    beq a1, t0, m_redirect_fail
    /* optional hook: a0 = mcause, a1 = mepc, a2 = mtval; returns a0 != 0 if handled */
    ld t0, m_hook
    beqz t0, 1f
    jalr t0
    bnez a0, m_trap_return
    csrr a0, mcause
    csrr a1, mepc
1:
    bltz a0, m_interrupt
    ld t0, FRAME_TP(sp)
    li t1, -1
    bne t0, t1, 2f
    /* expected exception: tp = cause, skip the instruction */
    sd a0, FRAME_TP(sp)
    li t0, CAUSE_FETCH_ACCESS
    beq a0, t0, 4f
    li t0, CAUSE_FETCH_PAGE
    beq a0, t0, 4f
    /* instruction length from its first half-word, read through the trapped mode's
       translation (MPRV, with MXR/SUM) when it was S/U with satp on */
    csrr t2, mstatus
    csrr t0, satp
    beqz t0, 5f
    srli t0, t2, 11
    andi t0, t0, 3
    li t1, PRV_M
    beq t0, t1, 5f
    li t0, MSTATUS_MPRV | MSTATUS_MXR | MSTATUS_SUM
    csrs mstatus, t0
5:  lhu t0, 0(a1)
    csrw mstatus, t2
    andi t0, t0, 3
    li t1, 3
    addi a1, a1, 2
    bne t0, t1, 3f
    addi a1, a1, 2
3:  csrw mepc, a1
    j m_trap_return
4:  ld a1, 1*8(sp)           /* fetch fault: resume at the saved ra */
    csrw mepc, a1
    j m_trap_return
2:  /* ecall from U or S with a resume address armed (LOWER_END): continue there */
    addi t0, a0, -CAUSE_ECALL_U
    li t1, 1
    bgtu t0, t1, m_unexpected
  /* resume address armed by LOWER_BEGIN: continue in M-mode there */
    la t1, m_resume
    ld t0, 0(t1)
    beqz t0, m_unexpected
    sd zero, 0(t1)
    csrw mepc, t0
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    j m_trap_return
m_interrupt:
    slli t0, a0, 1
    srli t0, t0, 1
    li t1, 1
    sll t1, t1, t0
    csrc mie, t1
m_trap_return:
    csrw mscratch, sp
    .irp i, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\i, \i*8(sp)
    .endr
    ld sp, 2*8(sp)
    mret

m_redirect_fail:
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    j fail_m
m_nested:
    la a0, str_nested
    j fail_msg
m_unexpected:
    la a0, str_unexpected
    j fail_msg

/* M-mode vector table (mtvec MODE=1): slot k jumps to m_vec_k, which records k. */
    .balign 256
    .globl m_vec_table
m_vec_table:
    .option push
    .option norvc
    .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    j m_vec_\k
    .endr
    .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
m_vec_\k:
    csrrw sp, mscratch, sp
    beqz sp, m_nested
    sd t0, 5*8(sp)
    li t0, \k
    j m_trap_common
    .endr
    .option pop

/* ---- S-mode trap handler ---- */
    .balign 4
    .globl s_trap_entry
s_trap_entry:
    csrrw sp, sscratch, sp
    beqz sp, s_nested
    sd t0, 5*8(sp)
    li t0, -1
s_trap_common:
    sd t0, FRAME_VEC(sp)
    .irp i, 1,3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\i, \i*8(sp)
    .endr
    csrr t0, sscratch
    sd t0, 2*8(sp)
    csrw sscratch, zero
    csrr a0, scause
    csrr a1, sepc
    csrr a2, stval
    csrr a3, sstatus
    ld a4, FRAME_VEC(sp)
    la t0, s_last
    sd a0, LAST_CAUSE(t0)
    sd a1, LAST_EPC(t0)
    sd a2, LAST_TVAL(t0)
    sd a3, LAST_STATUS(t0)
    sd a4, LAST_VEC(t0)
    la t0, s_count
    ld t1, 0(t0)
    andi t2, t1, 31
    slli t2, t2, 3
    la t3, s_log
    add t3, t3, t2
    sd a0, 0(t3)
    addi t1, t1, 1
    sd t1, 0(t0)
    la t0, fail
    beq a1, t0, s_redirect_fail
    bltz a0, s_interrupt
    ld t0, FRAME_TP(sp)
    li t1, -1
    bne t0, t1, 2f
    sd a0, FRAME_TP(sp)
    li t0, CAUSE_FETCH_ACCESS
    beq a0, t0, 4f
    li t0, CAUSE_FETCH_PAGE
    beq a0, t0, 4f
    csrr t2, sstatus
    li t0, MSTATUS_MXR | MSTATUS_SUM
    csrs sstatus, t0
    lhu t0, 0(a1)
    csrw sstatus, t2
    andi t0, t0, 3
    li t1, 3
    addi a1, a1, 2
    bne t0, t1, 3f
    addi a1, a1, 2
3:  csrw sepc, a1
    j s_trap_return
4:  ld a1, 1*8(sp)           /* fetch fault: resume at the saved ra */
    csrw sepc, a1
    j s_trap_return
2:  /* ecall from U or S with a resume address armed (LOWER_END): continue there */
    addi t0, a0, -CAUSE_ECALL_U
    li t1, 1
    bgtu t0, t1, s_unexpected
  la t1, s_resume
    ld t0, 0(t1)
    beqz t0, s_unexpected
    sd zero, 0(t1)
    csrw sepc, t0
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    j s_trap_return
s_interrupt:
    slli t0, a0, 1
    srli t0, t0, 1
    li t1, 1
    sll t1, t1, t0
    csrc sie, t1
s_trap_return:
    csrw sscratch, sp
    .irp i, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\i, \i*8(sp)
    .endr
    ld sp, 2*8(sp)
    sret

/* A trap the S handler cannot deal with: report it from S-mode (physical addresses). */
s_redirect_fail:
    li s1, 0
    j s_fail
s_nested:
s_unexpected:
    la s1, str_s_unexpected
s_fail:
    csrw satp, zero
    sfence.vma
    li s2, 2
    j fail_print

    .balign 256
    .globl s_vec_table
s_vec_table:
    .option push
    .option norvc
    .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    j s_vec_\k
    .endr
    .irp k, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
s_vec_\k:
    csrrw sp, sscratch, sp
    beqz sp, s_nested
    sd t0, 5*8(sp)
    li t0, \k
    j s_trap_common
    .endr
    .option pop

/* ---- pass / fail ---- */
    .balign 4
    .globl pass
pass:
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    la a0, str_pass
    jal print_str
    la a0, test_name
    jal print_str
    li a0, '\n'
    jal print_char
    li t0, TEST_FINISHER
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b

/* Called (j fail) when a check fails, with gp = check number. From S/U-mode the first
   instruction traps and the M handler (or the S handler) continues the report. */
    .balign 4
    .globl fail
fail:
    csrr t0, mhartid
fail_m:
    li a0, 0
fail_msg:                    /* M-mode; a0 = extra message or 0 */
    mv s1, a0
    li s2, 1
    li t0, MSTATUS_MPRV
    csrc mstatus, t0
    csrw satp, zero
fail_print:                  /* s1 = message or 0; s2 = 1: print M CSRs, 2: S CSRs */
    la a0, str_fail
    jal print_str
    la a0, test_name
    jal print_str
    li a0, ' '
    jal print_char
    andi s0, gp, 0xff
    bnez s0, 1f
    li s0, 255
1:  mv a0, s0
    jal print_dec
    beqz s1, 2f
    mv a0, s1
    jal print_str
    li t0, 2
    beq s2, t0, 4f
    csrr a0, mcause
    jal print_hex
    la a0, str_mepc
    jal print_str
    csrr a0, mepc
    jal print_hex
    la a0, str_mtval
    jal print_str
    csrr a0, mtval
    jal print_hex
    j 2f
4:  csrr a0, scause
    jal print_hex
    la a0, str_sepc
    jal print_str
    csrr a0, sepc
    jal print_hex
    la a0, str_stval
    jal print_str
    csrr a0, stval
    jal print_hex
2:  li a0, '\n'
    jal print_char
    slli t1, s0, 16
    li t0, 0x3333
    or t1, t1, t0
    li t0, TEST_FINISHER
    sw t1, 0(t0)
3:  j 3b

/* print_char(a0), print_str(a0), print_dec(a0), print_hex(a0): leaf routines, no stack;
   clobber t0-t4, a0-a2. */
print_char:
    li t0, UART_THR
    sb a0, 0(t0)
    ret
print_str:
    li t0, UART_THR
1:  lbu t1, 0(a0)
    beqz t1, 2f
    sb t1, 0(t0)
    addi a0, a0, 1
    j 1b
2:  ret
print_dec:
    la t2, num_buf + 24
    sb zero, 0(t2)
    li t3, 10
1:  remu t1, a0, t3
    divu a0, a0, t3
    addi t1, t1, '0'
    addi t2, t2, -1
    sb t1, 0(t2)
    bnez a0, 1b
    mv a0, t2
    j print_str
print_hex:
    li t0, UART_THR
    li t1, '0'
    sb t1, 0(t0)
    li t1, 'x'
    sb t1, 0(t0)
    li t2, 60
1:  srl t1, a0, t2
    andi t1, t1, 15
    li t3, 10
    blt t1, t3, 2f
    addi t1, t1, 'a' - 10 - '0'
2:  addi t1, t1, '0'
    sb t1, 0(t0)
    addi t2, t2, -4
    bgez t2, 1b
    ret

    .section .rodata
test_name:      .asciz TEST_NAME
str_pass:       .asciz "PASS "
str_fail:       .asciz "FAIL "
str_nested:     .asciz " (trap inside the M trap handler) mcause="
str_unexpected: .asciz " (unexpected trap) mcause="
str_mepc:       .asciz " mepc="
str_mtval:      .asciz " mtval="
str_s_unexpected: .asciz " (unexpected trap in S handler) scause="
str_sepc:       .asciz " sepc="
str_stval:      .asciz " stval="

    .bss
    .balign 8
__bss_lo:
    .globl entry_a0, m_last, m_count, m_log, m_resume, m_hook
    .globl s_last, s_count, s_log, s_resume
entry_a0:  .dword 0, 0          /* a0 (hart id) and a1 (device tree) at entry */
m_last:    .dword 0, 0, 0, 0, 0
m_count:   .dword 0
m_resume:  .dword 0
m_hook:    .dword 0
m_log:     .fill 32, 8, 0
s_last:    .dword 0, 0, 0, 0, 0
s_count:   .dword 0
s_resume:  .dword 0
s_log:     .fill 32, 8, 0
num_buf:   .fill 32, 1, 0
    .balign 16
m_frame:   .fill FRAME_SIZE / 8, 8, 0
s_frame:   .fill FRAME_SIZE / 8, 8, 0
stack:     .fill 4096, 1, 0
stack_top:

    .text
#endif
