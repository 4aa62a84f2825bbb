/* sstatus set, clear and read inside hot loops (compiled with --jit on), as Linux's
   local_irq_save and local_irq_restore do them: compiled code leaves each CSR instruction to the
   interpreter (docs/BENCHMARKS.md: running the common ones inline saved nothing measurable), and
   around them everything must happen exactly where the interpreter makes it happen.
     1  S-mode, SIE = 1: csrrci a5, sstatus, SIE (save) ... csrs sstatus, a5 (restore), with
        reads between; the SIE bits seen are summed: saved 2, inside 0, after the restore 2.
     2  at iteration K the loop makes a delegated software interrupt pending while SIE = 0:
        it must be taken right after the restore that sets SIE again (sepc = the instruction
        after it), exactly once (the handler clears sie.SSIE).
     3  S-mode under Sv39: csrs/csrc sstatus, SUM in a loop, each followed by a load from a
        user page, which must succeed with SUM = 1 and fault with SUM = 0 (SUM changes the TLB
        views the compiled loads probe).
     4  U-mode: csrr sstatus in a loop raises illegal-instruction every time. */
#define TEST_NAME "jit-sstatus"
#include "common.h"

#define ITERS 30000
#define K 20000
#define U_VA 0x40000000
#define PTE_USER (PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D)

TEST_MAIN
    csrw medeleg, zero
    li t0, MIP_SSIP
    csrw mideleg, t0
    csrw mie, t0                     /* sie.SSIE */
    li t0, MSTATUS_SIE
    csrs mstatus, t0
    TRAPS_RESET

    LOWER_BEGIN PRV_S
    li s2, 0                         /* saved SIE bits */
    li s3, 0                         /* SIE bits after each restore */
    li s7, 0                         /* SIE bits between save and restore */
    li s8, -1                        /* s_count just before the restore at iteration K */
    li s4, 0
    li s5, ITERS
    li s6, K
1:  csrrci a5, sstatus, MSTATUS_SIE
    andi a5, a5, MSTATUS_SIE
    add s2, s2, a5
    csrr a6, sstatus
    andi a6, a6, MSTATUS_SIE
    add s7, s7, a6
    bne s4, s6, 2f
    csrsi sip, MIP_SSIP
    ld s8, s_count
2:  csrs sstatus, a5
restored:
    csrr a6, sstatus
    andi a6, a6, MSTATUS_SIE
    add s3, s3, a6
    addi s4, s4, 1
    blt s4, s5, 1b
    LOWER_END

    TEST 1
    CHECK s2, ITERS * 2
    CHECK s3, ITERS * 2
    CHECK s7, 0
    TEST 2
    CHECK s8, 0
    ld t0, s_count
    CHECK t0, 1
    CHECK_S_CAUSE INTR | IRQ_SSI
    CHECK_S_EPC restored
    csrci mip, MIP_SSIP

    TEST 3
    la t0, upage
    li t1, 0x5a5a
    sd t1, 0(t0)
    /* Sv39: root[0] -> l1 -> l0 (the user page at U_VA), root[2] identity over 0x8000_0000 */
    PTE_LA root, 1, l1, PTE_V
    PTE_PA root, 0, 0x00000000, PTE_LEAF_RWX
    PTE_PA root, 2, 0x80000000, PTE_LEAF_RWX
    PTE_LA l1, 0, l0, PTE_V
    PTE_LA l0, 0, upage, PTE_USER
    SATP_SET SATP_SV39, root
    LOWER_BEGIN PRV_S
    li s2, 0                         /* values loaded with SUM = 1 */
    li s3, 0                         /* faults with SUM = 0 */
    li s4, 0
    li s5, ITERS / 4
    li s6, MSTATUS_SUM
    li s7, U_VA
3:  csrs sstatus, s6
    ld a0, 0(s7)
    add s2, s2, a0
    csrc sstatus, s6
    EXPECT_TRAP
    ld a0, 0(s7)
    add s3, s3, tp
    addi s4, s4, 1
    blt s4, s5, 3b
    LOWER_END
    csrw satp, zero
    sfence.vma
    CHECK s2, (ITERS / 4) * 0x5a5a
    CHECK s3, (ITERS / 4) * CAUSE_LOAD_PAGE

    TEST 4
    LOWER_BEGIN PRV_U
    li s2, 0
    li s4, 0
    li s5, ITERS / 4
4:  EXPECT_TRAP
    csrr a0, sstatus
    add s2, s2, tp
    addi s4, s4, 1
    blt s4, s5, 4b
    LOWER_END
    CHECK s2, (ITERS / 4) * CAUSE_ILLEGAL
    TEST_PASS

    .section .pages, "aw", @nobits
    .balign 4096
root:   .fill 4096, 1, 0
l1:     .fill 4096, 1, 0
l0:     .fill 4096, 1, 0
upage:  .fill 4096, 1, 0
