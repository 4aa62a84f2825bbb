/* Illegal-instruction exceptions (cause 2, epc = the instruction): unknown/reserved 32-bit
   encodings, reserved compressed encodings, unknown CSRs, writes to read-only CSRs, CSRs of a
   higher privilege level, xRET / SFENCE.VMA / WFI from a mode that may not use them, and
   floating point while mstatus.FS = 0 / without F. Checked in M, S and U mode where it
   applies. mtval is not checked (the spec allows 0 or the instruction bits). */
#define TEST_NAME "illegal"
#include "common.h"

/* inst must raise an illegal-instruction exception with epc = its address. Works in any mode
   (the exception goes to the M handler, records are read from memory). */
.macro TEST_ILL n, inst:vararg
    TEST \n
    li tp, -1
.Li\@:
    \inst
    CHECK tp, CAUSE_ILLEGAL
    li tp, 0
    ld t5, m_last + LAST_EPC
    CHECK_LA t5, .Li\@
.endm

TEST_MAIN
    /* ---- unknown 32-bit encodings ---- */
    TEST_ILL 1, .word 0xffffffff          /* opcode 1111111 (>= 80-bit space) */
    TEST_ILL 2, .word 0x00007003          /* LOAD funct3 = 7 */
    TEST_ILL 3, .word 0xfe000033          /* OP funct7 = 0x7f */
    TEST_ILL 4, .word 0x00002063          /* BRANCH funct3 = 2 */
    TEST_ILL 5, .word 0x0000000b          /* custom-0 */
    TEST_ILL 6, .word 0x0000301b          /* OP-IMM-32 funct3 = 3 */
    TEST_ILL 7, .word 0x40001013          /* SLLI with funct6 = 0x10 */
    TEST_ILL 8, .word 0x0000700f          /* MISC-MEM funct3 = 7 */
    TEST_ILL 9, .word 0xfe00003b          /* OP-32 funct7 = 0x7f */
    TEST_ILL 10, .word 0x0000107f         /* 64-bit-encoding prefix space */
    TEST_ILL 11, .word 0x00003023 | (7 << 12)  /* STORE funct3 = 7 */
    TEST_ILL 12, .word 0x00000067 | (1 << 12)  /* JALR funct3 = 1 */
    TEST_ILL 13, .word 0x1010302f         /* AMO .d with funct5 = 00010 (LR) and rs2 != 0 */
    TEST_ILL 14, .word 0x0000202f | (0x1f << 27) /* AMO funct5 = 11111 */
    TEST_ILL 15, .word 0x00100073 | (1 << 20) | (1 << 25) /* SYSTEM funct3 = 0, unknown funct12 */
    /* ---- reserved compressed encodings ---- */
    TEST_ILL 20, .half 0x0000             /* all zero */
    TEST_ILL 21, .half 0x0004             /* c.addi4spn with nzuimm = 0 */
    TEST_ILL 22, .half 0x6081             /* c.lui x1 with nzimm = 0 */
    TEST_ILL 23, .half 0x6101             /* c.addi16sp with nzimm = 0 */
    TEST_ILL 24, .half 0x2001             /* c.addiw with rd = 0 */
    TEST_ILL 25, .half 0x8002             /* c.jr with rs1 = 0 */
    TEST_ILL 26, .half 0x4002             /* c.lwsp with rd = 0 */
    TEST_ILL 27, .half 0x6002             /* c.ldsp with rd = 0 */
    /* ---- floating point with FS = 0 (QEMU) or without F (rvisor) ---- */
    TEST_ILL 30, .word 0x00707053         /* fadd.s f0, f0, f0 */
    TEST_ILL 31, csrr a0, fcsr
    /* ---- unknown CSRs (none of these exists on QEMU 7.2 or rvisor) ---- */
    TEST_ILL 40, csrr a0, 0x0ff
    TEST_ILL 41, csrr a0, 0x1ff
    TEST_ILL 42, csrr a0, 0x3ff
    TEST_ILL 43, csrr a0, 0x4ff
    TEST_ILL 44, csrr a0, 0x5ff
    TEST_ILL 45, csrr a0, 0x7ff
    TEST_ILL 46, csrr a0, 0x8ff
    TEST_ILL 47, csrr a0, 0x9ff
    TEST_ILL 48, csrr a0, 0xbff
    TEST_ILL 49, csrr a0, 0xcff
    TEST_ILL 50, csrr a0, 0xdff
    TEST_ILL 51, csrr a0, 0xfff
    TEST_ILL 52, csrw 0x7ff, zero
    TEST_ILL 53, csrrsi a0, 0x8ff, 0
    /* ---- writes to read-only CSRs ---- */
    TEST_ILL 60, csrw mvendorid, zero
    TEST_ILL 61, csrw marchid, zero
    TEST_ILL 62, csrw mimpid, zero
    TEST_ILL 63, csrw mhartid, zero
    TEST_ILL 64, csrw mconfigptr, zero
    TEST_ILL 65, csrw cycle, zero
    TEST_ILL 66, csrw time, zero
    TEST_ILL 67, csrw instret, zero
    TEST_ILL 68, csrrwi a0, mhartid, 1
    TEST_ILL 69, csrrsi a0, cycle, 1
    /* ---- S-mode: M-level CSRs and instructions ---- */
    LOWER_BEGIN PRV_S
    TEST_ILL 80, csrr a0, mstatus
    TEST_ILL 81, csrr a0, mscratch
    TEST_ILL 82, csrw mtvec, zero
    TEST_ILL 83, csrr a0, mepc
    TEST_ILL 84, csrr a0, mie
    TEST_ILL 85, csrr a0, mhartid
    TEST_ILL 86, csrw medeleg, zero
    TEST_ILL 87, csrr a0, misa
    TEST_ILL 88, csrr a0, pmpcfg0
    TEST_ILL 89, csrr a0, mcycle
    TEST_ILL 90, mret
    TEST_ILL 91, .word 0xffffffff
    TEST_ILL 92, .half 0x0000
    TEST_ILL 93, csrr a0, 0x5ff
    /* S-level CSRs are fine */
    TEST 94
    csrr a0, sstatus
    csrr a0, sscratch
    csrr a0, stvec
    LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_S
    /* ---- U-mode: S- and M-level CSRs and instructions ---- */
    LOWER_BEGIN PRV_U
    TEST_ILL 100, csrr a0, sstatus
    TEST_ILL 101, csrr a0, sscratch
    TEST_ILL 102, csrr a0, satp
    TEST_ILL 103, csrw stvec, zero
    TEST_ILL 104, csrr a0, sepc
    TEST_ILL 105, csrr a0, mstatus
    TEST_ILL 106, csrr a0, mhartid
    TEST_ILL 107, sret
    TEST_ILL 108, mret
    TEST_ILL 109, sfence.vma
    TEST_ILL 110, wfi                     /* QEMU: immediately (bounded time limit of 0) */
    TEST_ILL 111, .half 0x0000
    TEST_ILL 112, csrr a0, 0x8ff
    TEST_ILL 113, csrw 0x0ff, zero
    LOWER_END
    CHECK_M_CAUSE CAUSE_ECALL_U
    TEST_PASS
