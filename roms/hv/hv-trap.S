/*
 * hv-trap: exceptions and interrupts as an S-mode guest takes them.
 *
 *  - sret into U-mode (satp = 0): ecall (scause 8), an S CSR access (illegal instruction,
 *    scause 2), ebreak (3), each with sepc and a normalized stval (for an illegal instruction
 *    stval is 0 or the instruction bits, for ebreak 0 or the pc: "stval ok" prints 1 for both).
 *  - U-mode under Sv39 page tables: load / store / instruction page faults (13 / 15 / 12) on
 *    an unmapped page, a load from a supervisor page (13), a load from a U page (works), with
 *    sepc and stval (the faulting address).
 *  - Misaligned loads and stores from S may be done by the hart, emulated, or trap (address
 *    misaligned or access fault): all are legal, so each line prints 1 when the behaviour is
 *    one of the legal ones (right value without a trap, or the right kind of trap). A
 *    misaligned AMO / LR must trap (no Zam): 1 when it raised misaligned or access fault
 *    (for the AMO any of causes 4-7: the spec says store/AMO (6/7), QEMU 7.2 reports 4).
 *  - Vectored stvec (only delegated traps are taken in vectored mode: OpenSBI 1.1 redirects
 *    the exceptions it handles itself, e.g. access faults, to stvec with the mode bit still
 *    set, and on QEMU 7.2 that runs the handler at base + 1):  an SBI set_timer interrupt (scause 0x8000000000000005) arrives at
 *    base + 4*5 (the vector slot is printed), an exception at base (slot 0); a timer interrupt
 *    is taken in U-mode even with sstatus.SIE = 0.
 *  - SBI IPI to self: sip.SSIP becomes pending, and with SIE set the interrupt is taken
 *    (scause 0x8000000000000001, slot 1); the handler clears sip.SSIP.
 */
#define PROG "hv-trap"
#include "hv.h"

#define UNMAPPED 0x40000000     /* Sv39 root[1] is invalid */

/* print the trap U-mode hit before its ecall: scause (in s2), sepc, stval */
.macro U_REPORT name
  CHECK "\name ecall back", tp, 8
  PRINT "\name scause", s2
  la t0, hv_frame
  ld s3, F_PEPC(t0)
  ld s4, F_PTVAL(t0)
  PRINT "\name sepc", s3
.endm

/* misaligned check: s2 := 1 if (no trap and s3 == want) or tp is one of c1, c2 */
.macro MIS_OK want, c1, c2
  li t1, \want
  sub t1, s3, t1
  seqz t1, t1
  addi t2, tp, 1
  seqz t2, t2
  and t1, t1, t2
  mv s2, tp
  EITHER s2, \c1, \c2
  or s2, s2, t1
.endm

HV_MAIN
  li a0, -1
  SBI SBI_EXT_TIME, 0

  /* ---- U-mode, satp = 0 */
  ENTER_U u_ecall
  CHECK "u ecall scause", tp, 8
  la t0, hv_frame
  ld s3, F_EPC(t0)
  PRINT "u ecall sepc", s3
  la t1, u_ecall_at
  sub s3, s3, t1
  CHECK "u ecall sepc is the ecall", s3, 0

  ENTER_U u_illegal
  U_REPORT "u csrr sstatus"
  lwu t1, 0(s3)
  sub t1, s4, t1
  seqz t1, t1
  seqz s4, s4
  or s4, s4, t1
  CHECK "u csrr sstatus stval ok", s4, 1

  ENTER_U u_ebreak
  U_REPORT "u ebreak"
  sub t1, s4, s3
  seqz t1, t1
  seqz s4, s4
  or s4, s4, t1
  CHECK "u ebreak stval ok", s4, 1

  /* ---- Sv39: root[2] -> L1 (megapages of 0x8000_0000..), L1[1] -> L0 (4 KiB pages of
     0x8020_0000..): identity, supervisor RWX, but the U code page U|R|X and udata U|R|W */
  la s4, pt_root
  la s5, pt_l1
  la s6, pt_l0
  srli t0, s5, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 16(s4)
  li t1, 0x80000000 >> 2
  ori t1, t1, PTE_RWX_AD
  li t2, 0x200000 >> 2
  mv t3, s5
  li t4, 4096
  add t4, t4, s5
1: sd t1, 0(t3)
  add t1, t1, t2
  addi t3, t3, 8
  bltu t3, t4, 1b
  srli t0, s6, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 8(s5)
  li t1, 0x80200000 >> 2
  ori t1, t1, PTE_RWX_AD
  li t2, 0x1000 >> 2
  mv t3, s6
  li t4, 4096
  add t4, t4, s6
1: sd t1, 0(t3)
  add t1, t1, t2
  addi t3, t3, 8
  bltu t3, t4, 1b
  la t0, __user_start
  li t1, 0x80200000
  sub t0, t0, t1
  srli t0, t0, 9                 /* index * 8 */
  add t0, t0, s6
  ld t1, 0(t0)
  andi t1, t1, ~0x3ff
  ori t1, t1, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
  sd t1, 0(t0)
  la t0, udata
  li t2, 0x12345678
  sd t2, 0(t0)
  li t1, 0x80200000
  sub t0, t0, t1
  srli t0, t0, 9
  add t0, t0, s6
  ld t1, 0(t0)
  ori t1, t1, PTE_U
  sd t1, 0(t0)
  srli t0, s4, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma

  ENTER_U u_load_pf
  U_REPORT "u load unmapped"
  PRINT "u load unmapped stval", s4
  ENTER_U u_store_pf
  U_REPORT "u store unmapped"
  PRINT "u store unmapped stval", s4
  ENTER_U u_fetch_pf
  U_REPORT "u fetch unmapped"
  PRINT "u fetch unmapped stval", s4
  ENTER_U u_load_s
  U_REPORT "u load supervisor page"
  la t1, hv_frame
  sub s4, s4, t1
  CHECK "u load supervisor page stval is the address", s4, 0
  ENTER_U u_load_u
  CHECK "u load user page ecall back", tp, 8
  CHECK "u load user page trapped", s2, -1
  PRINT "u load user page value", s3
  csrw satp, zero
  sfence.vma

  /* ---- misaligned accesses from S */
  la s9, mis
  TRY ld s3, 1(s9)
  MIS_OK 0x0011223344556677, 4, 5
  CHECK "misaligned ld ok", s2, 1
  TRY lw s3, 2(s9)
  MIS_OK 0x0000000033445566, 4, 5
  CHECK "misaligned lw ok", s2, 1
  TRY lhu s3, 7(s9)
  MIS_OK 0x0011, 4, 5
  CHECK "misaligned lhu ok", s2, 1
  li t0, 0x0123456789abcdef
  TRY sd t0, 11(s9)
  mv s10, tp
  ld s3, 8(s9)                  /* if it was done: bytes 11..15 of mis = ef cd ab 89 67 */
  li t1, 0xffffffffff000000
  and s3, s3, t1
  mv tp, s10
  MIS_OK 0x6789abcdef000000, 6, 7
  CHECK "misaligned sd ok", s2, 1
  addi t0, s9, 2
  li t1, 1
  TRY amoadd.w t2, t1, (t0)
  addi s2, tp, -4               /* 4..7: QEMU 7.2 reports 4 (load misaligned) for AMOs */
  sltiu s2, s2, 4
  CHECK "misaligned amoadd.w traps", s2, 1
  addi t0, s9, 4
  TRY lr.d t2, (t0)
  mv s2, tp
  EITHER s2, 4, 5
  CHECK "misaligned lr.d traps", s2, 1

  /* ---- vectored stvec: timer interrupt at slot 5, an exception at slot 0 */
  la t0, hv_vectors
  ori t0, t0, 1
  csrw stvec, t0
  TRY ebreak
  CHECK "s ebreak scause", tp, 3
  la t0, hv_frame
  ld s2, F_VEC(t0)
  CHECK "s ebreak vector slot", s2, 0
  la t0, hv_frame
  ld s8, F_COUNT(t0)
  rdtime a0
  addi a0, a0, 1000
  SBI SBI_EXT_TIME, 0
  CHECK "set_timer error", a0, 0
  li t0, SIP_STIP
  csrs sie, t0
  WAIT_TRAP s8
  ld s2, F_CAUSE(t0)
  ld s3, F_VEC(t0)
  CHECK "timer scause", s2, 0x8000000000000005
  CHECK "timer vector slot", s3, 5
  csrr s2, sip
  andi s2, s2, SIP_STIP
  CHECK "timer sip.STIP after set_timer(-1)", s2, 0

  /* a timer interrupt while in U-mode is taken even with sstatus.SIE = 0 */
  la t0, hv_frame
  ld s8, F_COUNT(t0)
  rdtime a0
  addi a0, a0, 1000
  SBI SBI_EXT_TIME, 0
  ENTER_U u_wait
  CHECK "u timer ecall back", tp, 8
  la t0, hv_frame
  ld s2, F_PCAUSE(t0)
  ld s3, F_PEPC(t0)
  CHECK "u timer scause", s2, 0x8000000000000005
  la t1, __user_start
  sub s3, s3, t1
  srli s3, s3, 12
  seqz s3, s3
  CHECK "u timer sepc in U code", s3, 1
  li t0, SIP_STIP
  csrc sie, t0

  /* ---- IPI to self: SSIP */
  li t0, SIP_SSIP
  csrs sie, t0
  li a0, 1
  la t0, hv_frame
  ld a1, F_HARTID(t0)
  SBI SBI_EXT_IPI, 0
  CHECK "send_ipi error", a0, 0
  li t1, 100000
1: csrr s2, sip
  andi s2, s2, SIP_SSIP
  bnez s2, 2f
  addi t1, t1, -1
  bnez t1, 1b
2: CHECK "ipi sip.SSIP pending", s2, SIP_SSIP
  la t0, hv_frame
  ld s8, F_COUNT(t0)
  WAIT_TRAP s8
  ld s2, F_CAUSE(t0)
  ld s3, F_VEC(t0)
  CHECK "ipi scause", s2, 0x8000000000000001
  CHECK "ipi vector slot", s3, 1
  csrr s2, sip
  andi s2, s2, SIP_SSIP
  CHECK "ipi sip.SSIP after clear", s2, 0
  csrw sie, zero
  la t0, hv_trap_direct
  csrw stvec, t0
  HV_DONE

/* ---- U-mode code: its own page (mapped U|R|X under Sv39) ---- */
  .section .utext, "ax"
  .option push
  .option norvc
u_ecall:
  li tp, -1
u_ecall_at:
  ecall
u_illegal:
  TRY csrr a0, sstatus
  mv s2, tp
  TRY ecall
u_ebreak:
  TRY ebreak
  mv s2, tp
  TRY ecall
u_load_pf:
  li t0, UNMAPPED + 0x18
  TRY ld a0, 0(t0)
  mv s2, tp
  TRY ecall
u_store_pf:
  li t0, UNMAPPED + 0x24
  TRY sw zero, 0(t0)
  mv s2, tp
  TRY ecall
u_fetch_pf:
  li t0, UNMAPPED + 0x30
  li tp, -1
  jalr ra, 0(t0)
  mv s2, tp
  TRY ecall
u_load_s:
  la t0, hv_frame
  TRY ld a0, 0(t0)
  mv s2, tp
  TRY ecall
u_load_u:
  la t0, udata
  TRY ld s3, 0(t0)
  mv s2, tp
  TRY ecall
u_wait:                          /* spin until the handler counted a trap */
  la t0, hv_frame
1: ld t1, F_COUNT(t0)
  beq t1, s8, 1b
  TRY ecall
  .option pop

  .data
  .balign 8
mis: .dword 0x1122334455667788, 0x99aabbccddeeff00, 0

  .section .pages, "aw", @nobits
  .balign 4096
pt_root: .space 4096
pt_l1: .space 4096
pt_l0: .space 4096
udata: .space 4096
