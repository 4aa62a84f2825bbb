/* Zifencei / self-modifying code: instructions stored to memory are executed after FENCE.I,
   both in a separate buffer (called repeatedly, so a stale decoded copy would show) and
   straight-line in the running code page; 4-byte and compressed instructions; replacing a
   4-byte instruction by two 2-byte ones and back. */
#define TEST_NAME "zifencei"
#include "common.h"

#define ENC_LI_A0(imm)  (((imm) << 20) | (10 << 7) | 0x13)    /* addi a0, zero, imm */
#define ENC_ADDI_A0(imm) (((imm) << 20) | (10 << 15) | (10 << 7) | 0x13)
#define ENC_RET  0x00008067
#define ENC_C_LI_A0(imm) (0x4001 | ((((imm) >> 5) & 1) << 12) | (10 << 7) | (((imm) & 31) << 2))
#define ENC_C_ADDI_A0(imm) (0x0001 | ((((imm) >> 5) & 1) << 12) | (10 << 7) | (((imm) & 31) << 2))

TEST_MAIN
    la s0, codebuf
    /* 1: li a0, 1; ret */
    TEST 1
    li t0, ENC_LI_A0(1)
    sw t0, 0(s0)
    li t0, ENC_RET
    sw t0, 4(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK a0, 1
    /* 2..: rewrite the immediate many times, executing each version */
    TEST 2
    li s1, 1
1:  slli t0, s1, 20
    li t1, ENC_LI_A0(0)
    or t0, t0, t1
    sw t0, 0(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK_EQ a0, s1
    addi s1, s1, 1
    li t0, 50
    bne s1, t0, 1b
    /* 3: the 4-byte instruction replaced by two compressed ones: c.li a0, 5; c.addi a0, 3 */
    TEST 3
    li t0, ENC_C_LI_A0(5) | (ENC_C_ADDI_A0(3) << 16)
    sw t0, 0(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK a0, 8
    /* 4: only the second half-word changes */
    TEST 4
    li t0, ENC_C_ADDI_A0(-4)
    sh t0, 2(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK a0, 1
    /* 5: back to a 4-byte instruction */
    TEST 5
    li t0, ENC_LI_A0(-7)
    sw t0, 0(s0)
    fence.i
    jalr ra, 0(s0)
    CHECK a0, -7
    /* 6: a longer function written byte by byte */
    TEST 6
    la a1, template
    la a2, template_end
    mv a3, s0
2:  lbu t0, 0(a1)
    sb t0, 0(a3)
    addi a1, a1, 1
    addi a3, a3, 1
    bltu a1, a2, 2b
    fence.i
    li a0, 10
    jalr ra, 0(s0)
    CHECK a0, 55
    /* 7: straight-line code in the page being executed */
    TEST 7
    la t0, 3f
    li t1, ENC_LI_A0(123)
    sw t1, 0(t0)
    fence.i
    .option push
    .option norvc
3:  li a0, 5
    .option pop
    CHECK a0, 123
    TEST 8                          /* and again through a loop: each pass patches the next */
    li s1, 0
4:  la t0, 5f
    slli t1, s1, 20
    li t2, ENC_ADDI_A0(0)
    or t1, t1, t2
    li a0, 1000
    sw t1, 0(t0)
    fence.i
    .option push
    .option norvc
5:  addi a0, a0, 0
    .option pop
    addi t0, s1, 1000
    CHECK_EQ a0, t0
    addi s1, s1, 1
    li t0, 20
    bne s1, t0, 4b
    /* restore the patched instructions so that a rerun from reset starts alike */
    la t0, 3b
    li t1, ENC_LI_A0(5)
    sw t1, 0(t0)
    la t0, 5b
    li t1, ENC_ADDI_A0(0)
    sw t1, 0(t0)
    fence.i
    TEST_PASS

/* sum of a0 down to 1: a0 = 10 -> 55 (copied into codebuf) */
template:
    li t0, 0
6:  add t0, t0, a0
    addi a0, a0, -1
    bnez a0, 6b
    mv a0, t0
    ret
template_end:

    .bss
    .balign 64
codebuf: .fill 256, 1, 0
