/* Machine/supervisor CSR storage and identity: misa (RV64, I M A C S U), mhartid = 0 = a0 at
   entry, a1 at entry points to a flattened device tree, mvendorid/marchid/mimpid/mconfigptr
   readable, menvcfg/senvcfg FIOM, PMP CSRs as WARL storage (pmpcfg0, pmpaddr0/1), satp WARL
   (Sv39 and Sv48 accepted, reserved modes leave satp unchanged), mtvec/stvec, mepc/sepc,
   mcause/scause, mtval/stval, mie writable bits, mip: M-level bits not writable by software. */
#define TEST_NAME "priv-csrs"
#include "common.h"
TEST_MAIN
    /* ---- misa ---- */
    TEST 1
    csrr a0, misa
    srli a1, a0, 62
    CHECK a1, 2                                     /* MXL = 64 */
    li t0, (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)  /* A C I M S U */
    and a1, a0, t0
    CHECK_EQ a1, t0
    TEST 2                                          /* writing the same value: no trap, no change */
    csrw misa, a0
    csrr a1, misa
    CHECK_EQ a1, a0
    /* ---- hart id, entry registers ---- */
    TEST 3
    csrr a0, mhartid
    CHECK a0, 0
    ld a0, entry_a0
    CHECK a0, 0
    TEST 4                                          /* FDT magic 0xd00dfeed, big-endian */
    ld a1, entry_a0 + 8
    CHECK_NE a1, zero
    lbu a0, 0(a1)
    CHECK a0, 0xd0
    lbu a0, 1(a1)
    CHECK a0, 0x0d
    lbu a0, 2(a1)
    CHECK a0, 0xfe
    lbu a0, 3(a1)
    CHECK a0, 0xed
    TEST 5                                          /* readable, values not checked */
    csrr a0, mvendorid
    csrr a0, marchid
    csrr a0, mimpid
    csrr a0, mconfigptr
    /* ---- envcfg ---- */
    TEST 6
    csrwi menvcfg, 1
    csrr a0, menvcfg
    CHECK_MASK a0, 1, 1
    csrwi menvcfg, 0
    csrr a0, menvcfg
    CHECK_MASK a0, 1, 0
    TEST 7
    csrwi senvcfg, 1
    csrr a0, senvcfg
    CHECK_MASK a0, 1, 1
    csrwi senvcfg, 0
    csrr a0, senvcfg
    CHECK_MASK a0, 1, 0
    /* ---- PMP ---- */
    TEST 8                                          /* as set up by the runtime */
    csrr a0, pmpcfg0
    CHECK_MASK a0, 0xff, 0x1f
    csrr a0, pmpaddr0
    CHECK a0, 0x003fffffffffffff
    TEST 9
    li t0, 0x20001fff                               /* NAPOT, 64 KiB at 0x8000_0000 */
    csrw pmpaddr0, t0
    csrr a0, pmpaddr0
    CHECK a0, 0x20001fff
    li t0, 0x003fffffffffffff
    csrw pmpaddr0, t0
    TEST 10
    li t0, 0x12345
    csrw pmpaddr1, t0
    csrr a0, pmpaddr1
    CHECK a0, 0x12345
    csrw pmpaddr1, zero
    csrr a0, pmpaddr1
    CHECK a0, 0
    TEST 11                                         /* entry 1: R W X, A = OFF */
    li t0, 0x0700
    csrs pmpcfg0, t0
    csrr a0, pmpcfg0
    CHECK_MASK a0, 0xffff, 0x071f
    li t0, 0x0700
    csrc pmpcfg0, t0
    csrr a0, pmpcfg0
    CHECK_MASK a0, 0xffff, 0x001f
    TEST 12                                         /* S-mode still reaches memory */
    LOWER_BEGIN PRV_S
    ld s2, entry_a0 + 8
    LOWER_END
    ld a0, entry_a0 + 8
    CHECK_EQ s2, a0
    /* ---- satp ---- */
    TEST 13
    la t0, pt_page
    srli t0, t0, 12
    li t1, SATP_SV39
    or s0, t0, t1
    csrw satp, s0
    csrr a0, satp
    CHECK_EQ a0, s0
    TEST 14
    li t1, SATP_SV48
    or s1, t0, t1
    csrw satp, s1
    csrr a0, satp
    CHECK_EQ a0, s1
    TEST 15                                         /* reserved modes: the write is ignored */
    li t1, 5 << 60
    or t2, t0, t1
    csrw satp, t2
    csrr a0, satp
    CHECK_EQ a0, s1
    li t1, 15 << 60
    or t2, t0, t1
    csrw satp, t2
    csrr a0, satp
    CHECK_EQ a0, s1
    li t1, 1 << 60
    or t2, t0, t1
    csrw satp, t2
    csrr a0, satp
    CHECK_EQ a0, s1
    csrw satp, zero
    csrr a0, satp
    CHECK a0, 0
    /* ---- trap setup / handling CSRs ---- */
    TEST 16
    la t0, 1f
    csrw mtvec, t0
    csrr a0, mtvec
    CHECK_EQ a0, t0
    .balign 4
1:  la t0, m_trap_entry
    csrw mtvec, t0
    la t0, 2f
    csrw stvec, t0
    csrr a0, stvec
    CHECK_EQ a0, t0
    .balign 4
2:  la t0, s_trap_entry
    csrw stvec, t0
    TEST 17
    li t0, 0x80001232
    csrw mepc, t0
    csrr a0, mepc
    CHECK a0, 0x80001232
    li t0, 0x80004566
    csrw sepc, t0
    csrr a0, sepc
    CHECK a0, 0x80004566
    TEST 18
    li t0, 2
    csrw mcause, t0
    csrr a0, mcause
    CHECK a0, 2
    li t0, INTR | IRQ_MTI
    csrw mcause, t0
    csrr a0, mcause
    CHECK a0, INTR | IRQ_MTI
    li t0, 13
    csrw scause, t0
    csrr a0, scause
    CHECK a0, 13
    li t0, INTR | IRQ_SSI
    csrw scause, t0
    csrr a0, scause
    CHECK a0, INTR | IRQ_SSI
    TEST 19
    li t0, 0x123456789ab
    csrw mtval, t0
    csrr a0, mtval
    CHECK a0, 0x123456789ab
    csrw stval, t0
    csrr a0, stval
    CHECK a0, 0x123456789ab
    /* ---- mie / mip ---- */
    TEST 20
    li t0, 0xaaa                                    /* SSIE MSIE STIE MTIE SEIE MEIE */
    csrw mie, t0
    csrr a0, mie
    CHECK_MASK a0, 0xaaa, 0xaaa
    csrw mie, zero
    csrr a0, mie
    CHECK a0, 0
    TEST 21                                         /* MSIP, MTIP, MEIP are read-only in mip */
    li t0, MIP_MSIP | MIP_MTIP | (1 << IRQ_MEI)
    csrs mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_MSIP | MIP_MTIP | (1 << IRQ_MEI), 0
    TEST 22                                         /* SSIP, STIP writable by M */
    csrw menvcfg, zero
    li t0, MIP_SSIP | MIP_STIP
    csrs mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_SSIP | MIP_STIP, MIP_SSIP | MIP_STIP
    csrc mip, t0
    csrr a0, mip
    CHECK_MASK a0, MIP_SSIP | MIP_STIP, 0
    TEST_PASS

    .section .pages, "aw", @nobits
    .balign 4096
pt_page: .fill 4096, 1, 0
