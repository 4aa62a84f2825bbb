/*
 * Floating-point additions to the test runtime (include after common.h). Used by the F/D test
 * ROMs, which are built with -march=rv64imafdc_zicsr_zifencei -mabi=lp64d (roms/build-tests.sh
 * picks these flags for rv64f*, rv64d* and fp-* files).
 *
 * mstatus.FS resets to Off, which makes every FP instruction and every access to fflags, frm
 * and fcsr an illegal instruction: a test calls FP_ENABLE (FS = Initial) before its first FP
 * instruction.
 *
 * The generated tests (roms/tests/gen/fp-gen.mjs: rv64f, rv64d, fp-fma) #define FP_TABLE and
 * are tables run by fp_table_run below. Each row names a stub (one instruction with fixed registers and rounding
 * mode), up to three operands and the expected result, fflags and frm. For each row the runner
 * writes fcsr = frm << 5 (clearing fflags), calls the stub with the raw 64-bit operands in
 * a1/a2/a3 (the stub moves them into its f or x registers with fmv.d.x / mv), and compares the
 * stub's a0 (the whole 64-bit destination register: fmv.x.d of an f register, so single
 * results must be NaN-boxed, or an x register, so W results must be sign-extended) and the
 * whole fcsr (flags and an unchanged frm) with the row. A mismatch prints one line
 *     row <i> <op> a=.. b=.. c=.. frm=..: got <result> fcsr=.., expected <result> fcsr=..
 * and the runner goes on; after the last row it fails with n = the instruction number of the
 * first mismatching row (listed at the top of the generated file), or passes.
 * Built with -DFP_PROBE, the runner instead prints "R <result> <fcsr>" for every row: the
 * generator runs that on QEMU to get the expected values.
 * With FP_PASSES defined (rv64f-jit.S, rv64d-jit.S), the table runs that many times, and every
 * odd pass presets fflags.NX (expecting it back on top of the row's flags): repeated, the rows
 * run compiled by the JIT, and the preset NX opens its host-FPU fast paths (a mismatch in an
 * odd pass shows NX in the fcsr it prints).
 */
#ifndef RVISOR_TESTS_FP_H
#define RVISOR_TESTS_FP_H

#define MSTATUS_FS         (3 << 13)
#define MSTATUS_FS_OFF     (0 << 13)
#define MSTATUS_FS_INITIAL (1 << 13)
#define MSTATUS_FS_CLEAN   (2 << 13)
#define MSTATUS_FS_DIRTY   (3 << 13)
#define MSTATUS_VS         (3 << 9)
#define MSTATUS_XS         (3 << 15)
#define MSTATUS_SD         (1 << 63)

#define FFLAG_NX 0x01
#define FFLAG_UF 0x02
#define FFLAG_OF 0x04
#define FFLAG_DZ 0x08
#define FFLAG_NV 0x10

#define FRM_RNE 0
#define FRM_RTZ 1
#define FRM_RDN 2
#define FRM_RUP 3
#define FRM_RMM 4
#define FRM_DYN 7

/* mstatus.FS = Initial. Uses t0. */
.macro FP_ENABLE
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, MSTATUS_FS_INITIAL
    csrs mstatus, t0
.endm

/* mstatus.FS = fs (one of MSTATUS_FS_*). Uses t0. */
.macro FS_SET fs
    li t0, MSTATUS_FS
    csrc mstatus, t0
    li t0, \fs
    csrs mstatus, t0
.endm

/* Fail unless mstatus.FS == fs and mstatus.SD == (fs == Dirty). Uses t5, t6. */
.macro CHECK_FS fs
    csrr t5, mstatus
    li t6, MSTATUS_FS | MSTATUS_SD
    and t5, t5, t6
.if \fs == MSTATUS_FS_DIRTY
    li t6, MSTATUS_FS_DIRTY | MSTATUS_SD
.else
    li t6, \fs
.endif
    beq t5, t6, .Lok\@
    j fail
.Lok\@:
.endm

/* Load the 64-bit constant val into f register freg (raw bits, no NaN-boxing). Uses t6. */
.macro FLI freg, val
    li t6, \val
    fmv.d.x \freg, t6
.endm
/* Load a single-precision constant, properly NaN-boxed. Uses t6. */
.macro FLI_S freg, val
    li t6, \val
    fmv.w.x \freg, t6
.endm
/* Fail unless the raw 64-bit contents of freg == val. Uses t5, t6. */
.macro CHECK_F freg, val
    fmv.x.d t5, \freg
    CHECK t5, \val
.endm
/* Fail unless fflags == val; then clears fflags. Uses t5, t6. */
.macro CHECK_FFLAGS val
    csrrw t5, fflags, zero
    CHECK t5, \val
.endm

/* inst must raise an illegal-instruction exception with epc = its address (any mode; the
   exception goes to the M handler). */
.macro FP_TEST_ILL n, inst:vararg
    TEST \n
    li tp, -1
.Li\@:
    \inst
    CHECK tp, CAUSE_ILLEGAL
    li tp, 0
    ld t5, m_last + LAST_EPC
    CHECK_LA t5, .Li\@
.endm

/* Check n: from mstatus.FS = start, inst makes FS Dirty (and SD = 1). Uses t0, t5, t6. */
.macro FP_TEST_DIRTY n, start, inst:vararg
    TEST \n
    FS_SET \start
    \inst
    CHECK_FS MSTATUS_FS_DIRTY
.endm

/* Row layout of the generated tables (12 bytes). */
#define FPROW_STUB   0
#define FPROW_A      2
#define FPROW_B      4
#define FPROW_C      6
#define FPROW_RES    8
#define FPROW_FLAGS  10
#define FPROW_FRM    11
#define FPROW_SIZE   12
/* Stub table entry: .dword code, .dword name string, .dword instruction number (24 bytes). */
#define FPSTUB_SIZE  24

.macro FPROW s, a, b, c, r, f, m
    .half \s, \a, \b, \c, \r
    .byte \f, \m
.endm

#ifdef FP_TABLE
/*
 * The table runner (only in files that #define FP_TABLE). Expects the symbols fp_rows / fp_rows_end (rows), fp_stubs (stub
 * table), fp_values (.dword values) from the generated file. Never returns: ends in pass or
 * fail. Registers: s0 = row pointer, s1 = end; the stubs may use a0, a4-a7, t0-t4, s2-s11.
 */
    .text
    .balign 4
fp_table_run:
    la s0, fp_rows
    la s1, fp_rows_end
fp_tr_loop:
    bgeu s0, s1, fp_tr_done
    lhu t0, FPROW_STUB(s0)
    slli t1, t0, 4
    slli t0, t0, 3
    add t0, t0, t1
    la t1, fp_stubs
    add t1, t1, t0
    ld t2, 0(t1)
    ld gp, 16(t1)
    la t3, fp_values
    lhu t0, FPROW_A(s0)
    slli t0, t0, 3
    add t0, t0, t3
    ld a1, 0(t0)
    lhu t0, FPROW_B(s0)
    slli t0, t0, 3
    add t0, t0, t3
    ld a2, 0(t0)
    lhu t0, FPROW_C(s0)
    slli t0, t0, 3
    add t0, t0, t3
    ld a3, 0(t0)
    lbu t0, FPROW_FRM(s0)
    slli t0, t0, 5
#ifdef FP_PASSES
    ld t5, fp_pass
    andi t5, t5, FFLAG_NX
    or t0, t0, t5
#endif
    csrw fcsr, t0
    jalr ra, t2
    csrr a1, fcsr
#ifdef FP_PROBE
    la t0, fp_got
    sd a0, 0(t0)
    sd a1, 8(t0)
    li a0, 'R'
    jal fp_print_char
    li a0, ' '
    jal fp_print_char
    ld a0, fp_got
    jal fp_print_hex
    li a0, ' '
    jal fp_print_char
    ld a0, fp_got + 8
    jal fp_print_hex
    li a0, '\n'
    jal fp_print_char
#else
    la t3, fp_values
    lhu t0, FPROW_RES(s0)
    slli t0, t0, 3
    add t0, t0, t3
    ld t1, 0(t0)
    bne a0, t1, fp_tr_mismatch
    lbu t0, FPROW_FRM(s0)
    slli t0, t0, 5
    lbu t1, FPROW_FLAGS(s0)
    or t0, t0, t1
#ifdef FP_PASSES
    ld t5, fp_pass
    andi t5, t5, FFLAG_NX
    or t0, t0, t5
#endif
    bne a1, t0, fp_tr_mismatch
#endif
fp_tr_next:
    addi s0, s0, FPROW_SIZE
    j fp_tr_loop

fp_tr_mismatch:
    la t0, fp_got
    sd a0, 0(t0)
    sd a1, 8(t0)
    ld t1, fp_fail_count
    bnez t1, 1f
    sd gp, fp_fail_gp, t2
1:  addi t1, t1, 1
    sd t1, fp_fail_count, t2
    li t2, 40
    bgtu t1, t2, fp_tr_next        /* print at most 40 mismatches */
    la a0, str_fp_row
    jal fp_print_str
    la t0, fp_rows
    sub a0, s0, t0
    li t1, FPROW_SIZE
    divu a0, a0, t1
    jal fp_print_dec
    li a0, ' '
    jal fp_print_char
    lhu t0, FPROW_STUB(s0)
    slli t1, t0, 4
    slli t0, t0, 3
    add t0, t0, t1
    la t1, fp_stubs
    add t1, t1, t0
    ld a0, 8(t1)
    jal fp_print_str
    la a0, str_fp_a
    jal fp_print_str
    lhu a0, FPROW_A(s0)
    jal fp_print_value
    la a0, str_fp_b
    jal fp_print_str
    lhu a0, FPROW_B(s0)
    jal fp_print_value
    la a0, str_fp_c
    jal fp_print_str
    lhu a0, FPROW_C(s0)
    jal fp_print_value
    la a0, str_fp_frm
    jal fp_print_str
    lbu a0, FPROW_FRM(s0)
    jal fp_print_dec
    la a0, str_fp_got
    jal fp_print_str
    ld a0, fp_got
    jal fp_print_hex
    la a0, str_fp_fcsr
    jal fp_print_str
    ld a0, fp_got + 8
    jal fp_print_hex
    la a0, str_fp_exp
    jal fp_print_str
    lhu a0, FPROW_RES(s0)
    jal fp_print_value
    la a0, str_fp_fcsr
    jal fp_print_str
    lbu t0, FPROW_FRM(s0)
    slli t0, t0, 5
    lbu t1, FPROW_FLAGS(s0)
    or a0, t0, t1
    jal fp_print_hex
    li a0, '\n'
    jal fp_print_char
    j fp_tr_next

fp_tr_done:
#ifdef FP_PASSES
    ld t0, fp_pass
    addi t0, t0, 1
    sd t0, fp_pass, t1
    li t1, FP_PASSES
    bltu t0, t1, fp_table_run
#endif
    ld t0, fp_fail_count
    beqz t0, pass
    ld gp, fp_fail_gp
    j fail

/* fp_print_hex(fp_values[a0]) */
fp_print_value:
    la t0, fp_values
    slli a0, a0, 3
    add t0, t0, a0
    ld a0, 0(t0)
    j fp_print_hex

/* Output that waits for LSR.THRE before each byte: QEMU drops bytes written while its
   transmitter waits for a full host pipe, and the probe prints a lot. fp_print_char(a0),
   fp_print_str(a0), fp_print_hex(a0) (0x + 16 digits), fp_print_dec(a0); they use t0-t4,
   a0-a2 and the stack. */
fp_print_char:
    li t0, UART_THR
1:  lbu t1, 5(t0)
    andi t1, t1, 0x20
    beqz t1, 1b
    sb a0, 0(t0)
    ret
fp_print_str:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd s2, 8(sp)
    mv s2, a0
1:  lbu a0, 0(s2)
    beqz a0, 2f
    jal fp_print_char
    addi s2, s2, 1
    j 1b
2:  ld ra, 0(sp)
    ld s2, 8(sp)
    addi sp, sp, 16
    ret
fp_print_hex:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd s2, 8(sp)
    sd s3, 16(sp)
    mv s2, a0
    li a0, '0'
    jal fp_print_char
    li a0, 'x'
    jal fp_print_char
    li s3, 60
1:  srl a0, s2, s3
    andi a0, a0, 15
    li t2, 10
    blt a0, t2, 2f
    addi a0, a0, 'a' - 10 - '0'
2:  addi a0, a0, '0'
    jal fp_print_char
    addi s3, s3, -4
    bgez s3, 1b
    ld ra, 0(sp)
    ld s2, 8(sp)
    ld s3, 16(sp)
    addi sp, sp, 32
    ret
fp_print_dec:
    la t2, fp_num_buf + 24
    sb zero, 0(t2)
    li t3, 10
1:  remu t1, a0, t3
    divu a0, a0, t3
    addi t1, t1, '0'
    addi t2, t2, -1
    sb t1, 0(t2)
    bnez a0, 1b
    mv a0, t2
    j fp_print_str

    .section .rodata
str_fp_row:  .asciz "row "
str_fp_a:    .asciz " a="
str_fp_b:    .asciz " b="
str_fp_c:    .asciz " c="
str_fp_frm:  .asciz " frm="
str_fp_got:  .asciz ": got "
str_fp_fcsr: .asciz " fcsr="
str_fp_exp:  .asciz ", expected "

    .bss
    .balign 8
fp_got:        .dword 0, 0
fp_fail_count: .dword 0
fp_pass:       .dword 0
fp_fail_gp:    .dword 0
fp_num_buf:    .fill 32, 1, 0

    .text
#endif /* FP_TABLE */
#endif
