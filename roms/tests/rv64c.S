/* RV64C: every integer compressed instruction, written with explicit c.* mnemonics:
   c.addi4spn c.lw c.ld c.sw c.sd c.nop c.addi c.addiw c.li c.addi16sp c.lui c.srli c.srai
   c.andi c.sub c.xor c.or c.and c.subw c.addw c.j c.beqz c.bnez c.slli c.lwsp c.ldsp c.jr
   c.mv c.ebreak c.jalr c.add c.swsp c.sdsp; immediates at their extremes, sign extension,
   link value pc + 2 for c.jalr, mixing 2- and 4-byte instructions. (Reserved encodings: see
   illegal.S.) */
#define TEST_NAME "rv64c"
#include "common.h"
TEST_MAIN
    /* c.li / c.addi / c.nop */
    TEST 1
    c.li a0, 31
    CHECK a0, 31
    c.li a0, -32
    CHECK a0, -32
    c.addi a0, 31
    CHECK a0, -1
    c.addi a0, -32
    CHECK a0, -33
    c.nop
    CHECK a0, -33
    /* c.addiw: 32-bit add, result sign-extended; imm 0 = sext.w */
    TEST 2
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK a0, 0xffffffff80000000
    li a0, 0x1234567800000005
    c.addiw a0, -6
    CHECK a0, -1
    li a0, 0x00000000fffffffe
    c.addiw a0, 0
    CHECK a0, -2
    /* c.lui: nzimm[17:12], sign-extended */
    TEST 3
    c.lui a0, 1
    CHECK a0, 0x1000
    c.lui a0, 31
    CHECK a0, 0x1f000
    c.lui a0, 0xfffff
    CHECK a0, 0xfffffffffffff000
    c.lui a0, 0xfffe0
    CHECK a0, 0xfffffffffffe0000
    /* c.addi16sp / c.addi4spn */
    TEST 4
    mv s1, sp
    c.addi16sp sp, -512
    sub a0, s1, sp
    CHECK a0, 512
    c.addi16sp sp, 496
    sub a0, s1, sp
    CHECK a0, 16
    c.addi16sp sp, 16
    CHECK_EQ sp, s1
    TEST 5
    c.addi4spn a0, sp, 4
    sub a0, a0, sp
    CHECK a0, 4
    c.addi4spn a1, sp, 1020
    sub a1, a1, sp
    CHECK a1, 1020
    /* c.mv / c.add */
    TEST 6
    li a2, 0x123456789
    c.mv a3, a2
    CHECK a3, 0x123456789
    c.add a3, a2
    CHECK a3, 0x2468acf12
    li t0, -1
    c.add t0, a2
    CHECK t0, 0x123456788
    /* shifts and andi on rd' */
    TEST 7
    li a0, 0x8000000000000000
    c.srli a0, 63
    CHECK a0, 1
    li a0, 0x8000000000000000
    c.srai a0, 63
    CHECK a0, -1
    li a0, 0x8000000000000000
    c.srai a0, 1
    CHECK a0, 0xc000000000000000
    li a0, 0xfffffffffffffff0
    c.srli a0, 4
    CHECK a0, 0x0fffffffffffffff
    li a0, 1
    c.slli a0, 63
    CHECK a0, 0x8000000000000000
    li a5, 3
    c.slli a5, 32
    CHECK a5, 0x300000000
    TEST 8
    li a0, 0x12345678
    c.andi a0, 15
    CHECK a0, 8
    li a0, 0x12345678
    c.andi a0, -16
    CHECK a0, 0x12345670
    li a0, -1
    c.andi a0, -32
    CHECK a0, -32
    /* register-register on rd', rs2' */
    TEST 9
    li s0, 10
    li s1, 3
    c.sub s0, s1
    CHECK s0, 7
    li s0, 0xf0f0
    li s1, 0xff00
    c.xor s0, s1
    CHECK s0, 0x0ff0
    li s0, 0xf0f0
    c.or s0, s1
    CHECK s0, 0xfff0
    li s0, 0xf0f0
    c.and s0, s1
    CHECK s0, 0xf000
    TEST 10
    li a4, 0x80000000
    li a5, 1
    c.subw a4, a5
    CHECK a4, 0x7fffffff
    li a4, 0
    c.subw a4, a5
    CHECK a4, -1
    li a4, 0x7fffffff
    c.addw a4, a5
    CHECK a4, 0xffffffff80000000
    li a4, 0x1ffffffff
    c.addw a4, a5
    CHECK a4, 0
    /* c.lw / c.ld / c.sw / c.sd (offsets at the extremes) */
    TEST 11
    la a1, cdata
    c.lw a0, 0(a1)
    CHECK a0, 0xffffffff87654321
    c.lw a0, 124(a1)
    CHECK a0, 0x7ffffffe
    c.ld a0, 8(a1)
    CHECK a0, 0x0123456789abcdef
    c.ld a0, 248(a1)
    CHECK a0, 0x5555aaaa5555aaaa
    TEST 12
    la a1, cbuf
    li a2, 0x1122334455667788
    c.sd a2, 0(a1)
    c.sd a2, 248(a1)
    li a3, 0xaabbccdd
    c.sw a3, 4(a1)
    c.sw a3, 124(a1)
    ld a0, 0(a1)
    CHECK a0, 0xaabbccdd55667788
    ld a0, 248(a1)
    CHECK a0, 0x1122334455667788
    lwu a0, 124(a1)
    CHECK a0, 0xaabbccdd
    /* stack-pointer relative forms */
    TEST 13
    mv s1, sp
    la sp, cbuf
    li a2, 0x0102030405060708
    c.sdsp a2, 0(sp)
    c.sdsp a2, 504(sp)
    li a3, 0x8badf00d
    c.swsp a3, 8(sp)
    c.swsp a3, 252(sp)
    c.ldsp a0, 0(sp)
    c.ldsp a4, 504(sp)
    c.lwsp a5, 8(sp)
    c.lwsp t1, 252(sp)
    mv sp, s1
    CHECK a0, 0x0102030405060708
    CHECK a4, 0x0102030405060708
    CHECK a5, 0xffffffff8badf00d
    CHECK t1, 0xffffffff8badf00d
    /* control transfer */
    TEST 14
    li a0, 0
    c.j 1f
    li a0, 1
1:  CHECK a0, 0
    TEST 15
    li s0, 0
    c.beqz s0, 2f
    j fail
2:  li s0, 5
    c.beqz s0, fail_near
    c.bnez s0, 3f
    j fail
3:  li s0, 0
    c.bnez s0, fail_near
    TEST 16                        /* backward c.bnez loop */
    li s1, 5
    li a0, 0
4:  c.addi a0, 2
    c.addi s1, -1
    c.bnez s1, 4b
    CHECK a0, 10
    TEST 17                        /* c.jr */
    la a1, 5f
    li a0, 0
    c.jr a1
    li a0, 1
5:  CHECK a0, 0
    TEST 18                        /* c.jalr: ra = pc + 2 */
    la a1, cfunc
    li a0, 0
    c.jalr a1
6:  CHECK a0, 42
    CHECK_LA ra, 6b
    TEST 19                        /* c.jalr with rs1 == ra */
    la ra, cfunc
    li a0, 0
    c.jalr ra
7:  CHECK a0, 42
    CHECK_LA ra, 7b
    /* c.ebreak: breakpoint exception, epc = the c.ebreak, resumes 2 bytes later */
    TEST 20
    EXPECT_TRAP
8:  c.ebreak
    CHECK_TRAP CAUSE_BREAKPOINT
    CHECK_M_EPC 8b
    TEST_PASS

fail_near:
    j fail
cfunc:
    li a0, 42
    c.jr ra

    .data
    .balign 8
cdata:
    .word 0x87654321, 0
    .dword 0x0123456789abcdef
    .fill 13, 8, 0
    .word 0, 0x7ffffffe
    .fill 15, 8, 0
    .dword 0x5555aaaa5555aaaa
    .bss
    .balign 8
cbuf: .fill 512, 1, 0
