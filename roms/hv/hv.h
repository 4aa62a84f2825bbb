/*
 * rvisor hypervisor directed tests: shared runtime and macros (see README.md).
 *
 * Each program is an S-mode payload linked at 0x8020_0000 (link.ld) and entered the way
 * OpenSBI's fw_dynamic enters one: S-mode, a0 = hart id, a1 = device tree, satp = 0. It talks
 * to the outside world only through SBI ecalls and prints "START <name>", then
 * "name: 0x<hex>" result lines, so that runs on two implementations can be compared line by
 * line; it ends with "DONE <name>" and an SBI SRST shutdown (reason 0: every CHECK held,
 * 1: some did not, after a line "FAILED CHECKS: n").
 *
 *     #define PROG "hv-csr"
 *     #include "hv.h"
 *     HV_MAIN
 *         PRINT "sscratch", s1          // prints "sscratch: 0x..." (no check)
 *         CHECK "x", s1, 0x1234         // the same, and counts a failure if s1 != 0x1234
 *         HV_DONE
 *
 * Registers:
 *   sp   stack (16 KiB in .bss); PRINT / CHECK / SAY clobber a0-a7, t0-t6 and ra; SBI
 *        clobbers a0, a1, a6, a7; EITHER t5, t6.
 *   tp   "expect a trap": TRY sets tp = -1 right before the instruction; an exception with
 *        tp == -1 writes scause into tp and resumes after the faulting instruction (its
 *        length is read at sepc, with SUM and MXR set), or at the saved ra for an
 *        instruction access/page fault (reach a bad fetch address with `jalr ra, ...`), or,
 *        for an ecall from U-mode while ENTER_U armed a resume address, back in S-mode after
 *        the ENTER_U. Any other exception prints "UNEXPECTED TRAP" and shuts down (reason 1).
 *   sscratch  always the address of hv_frame (the handler saves every register there).
 * Interrupts: the handler records them (hv_frame: VEC/CAUSE/EPC/TVAL, COUNT += 1) and
 * quiets the source: timer -> SBI set_timer(-1), software -> clear sip.SSIP, anything
 * else -> clear its sie bit; then it returns to the interrupted instruction.
 * PCAUSE/PEPC/PTVAL keep the trap before the last one (what U code hit before its ecall).
 * Direct-mode entries record VEC = -1; the vectored table (hv_vectors, for stvec | 1) records
 * the slot number 0..15.
 */
#ifndef RVISOR_HV_H
#define RVISOR_HV_H

/* ---- SBI ---- */
#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR   0x01
#define SBI_EXT_LEGACY_GETCHAR   0x02
#define SBI_EXT_LEGACY_SHUTDOWN  0x08
#define SBI_EXT_BASE   0x10
#define SBI_EXT_TIME   0x54494D45
#define SBI_EXT_IPI    0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM    0x48534D
#define SBI_EXT_SRST   0x53525354
#define SBI_EXT_DBCN   0x4442434E

/* ---- CSR fields ---- */
#define SSTATUS_SIE  (1 << 1)
#define SSTATUS_SPIE (1 << 5)
#define SSTATUS_SPP  (1 << 8)
#define SSTATUS_FS   (3 << 13)
#define SSTATUS_SUM  (1 << 18)
#define SSTATUS_MXR  (1 << 19)
#define SIP_SSIP (1 << 1)
#define SIP_STIP (1 << 5)
#define SIP_SEIP (1 << 9)
#define CSR_SENVCFG 0x10a

#define PTE_V (1 << 0)
#define PTE_R (1 << 1)
#define PTE_W (1 << 2)
#define PTE_X (1 << 3)
#define PTE_U (1 << 4)
#define PTE_G (1 << 5)
#define PTE_A (1 << 6)
#define PTE_D (1 << 7)
#define PTE_RWX_AD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
#define SATP_SV39 (8 << 60)
#define SATP_SV48 (9 << 60)
/* satp ASID field: ASIDLEN (0..16) is implementation-specific, so printed values mask it */
#define SATP_ASID_MASK (0xffff << 44)

/* ---- hv_frame layout (8-byte slots) ---- */
#define F_REG(n)   ((n) * 8)   /* x1..x31 */
#define F_VEC      (32 * 8)    /* -1: direct entry, else vector slot */
#define F_CAUSE    (33 * 8)
#define F_EPC      (34 * 8)
#define F_TVAL     (35 * 8)
#define F_COUNT    (36 * 8)    /* traps taken */
#define F_URESUME  (37 * 8)    /* S-mode resume address for an ecall from U (0: none) */
#define F_USP      (38 * 8)    /* sp restored with it */
#define F_FAILS    (39 * 8)    /* failed CHECKs */
#define F_HARTID   (40 * 8)
#define F_DTB      (41 * 8)
#define F_DBCN     (42 * 8)    /* 1: print through DBCN, 0: legacy putchar */
#define F_PCAUSE   (43 * 8)    /* the trap before the last one */
#define F_PEPC     (44 * 8)
#define F_PTVAL    (45 * 8)
#define F_SIZE     (48 * 8)

/* ------------------------------------------------------------------------------------------ */

/* SBI call: a7 = eid, a6 = fid, arguments already in a0..a5. Returns a0 = error, a1 = value. */
.macro SBI eid, fid
  li a7, \eid
  li a6, \fid
  ecall
.endm

/* Print "name: 0x<hex of reg>\n". */
.macro PRINT name, reg
  mv a1, \reg
  la a0, 9990f
  call hv_print_kv
  .pushsection .rodata.str, "a"
9990: .asciz "\name"
  .popsection
.endm

/* PRINT, and count a failed check unless reg == val. */
.macro CHECK name, reg, val
  mv a1, \reg
  li a2, \val
  la a0, 9991f
  call hv_check_kv
  .pushsection .rodata.str, "a"
9991: .asciz "\name"
  .popsection
.endm

/* Print a literal line (a newline is added). */
.macro SAY text
  la a0, 9992f
  call hv_puts
  li a0, '\n'
  call hv_putc
  .pushsection .rodata.str, "a"
9992: .asciz "\text"
  .popsection
.endm

/* Run one instruction expecting that it may trap: afterwards tp = -1 (no trap) or scause.
   Assembled without compression so that the instruction is always 4 bytes. */
.macro TRY insn:vararg
  li tp, -1
  .option push
  .option norvc
  \insn
  .option pop
.endm

/* reg := (reg == a) || (reg == b), for values that may legally be either of two. */
.macro EITHER reg, a, b
  li t5, \a
  li t6, \b
  sub t5, \reg, t5
  sub t6, \reg, t6
  seqz t5, t5
  seqz t6, t6
  or \reg, t5, t6
.endm

/* Wait until hv_frame's trap count differs from reg (clobbers t0, t1). The count is checked
   with sstatus.SIE = 0; wfi wakes up on a pending enabled interrupt even then, and SIE is
   opened only to take it (checking with SIE = 1 could take the interrupt between the check
   and the wfi, which would then sleep for ever). Leaves SIE = 0. */
.macro WAIT_TRAP reg
  la t0, hv_frame
9: csrci sstatus, SSTATUS_SIE
  ld t1, F_COUNT(t0)
  bne t1, \reg, 8f
  wfi
  csrsi sstatus, SSTATUS_SIE
  j 9b
8:
.endm

/* Enter U-mode at label (sstatus.SPIE cleared, so U runs with interrupts off); an ecall
   from U (with tp = -1) comes back here, with sp restored and tp = 8. */
.macro ENTER_U label
  la t0, hv_frame
  la t1, 9993f
  sd t1, F_URESUME(t0)
  sd sp, F_USP(t0)
  la t0, \label
  csrw sepc, t0
  li t0, SSTATUS_SPP | SSTATUS_SPIE
  csrc sstatus, t0
  sret
9993:
.endm

/* The program's entry: set up the runtime, then fall into the code after HV_MAIN. */
.macro HV_MAIN
  .section .text.init, "ax"
  .globl _start
_start:
  la sp, hv_stack_top
  mv s0, a0
  mv s1, a1
  /* zero .bss and .pages (a loader zero-fills them too; this is for a re-entry) */
  la t0, __bss_start
  la t1, _end
1: bgeu t0, t1, 2f
  sd zero, 0(t0)
  addi t0, t0, 8
  j 1b
2: la t0, hv_frame
  sd s0, F_HARTID(t0)
  sd s1, F_DTB(t0)
  csrw sscratch, t0
  la t1, hv_trap_direct
  csrw stvec, t1
  csrw sie, zero
  /* print through DBCN when the SBI has it (SBI >= 2.0), else through legacy putchar: the
     output is the same either way */
  li a0, SBI_EXT_DBCN
  SBI SBI_EXT_BASE, 3
  snez a1, a1
  seqz a0, a0
  and a1, a1, a0
  la t0, hv_frame
  sd a1, F_DBCN(t0)
  la a0, hv_start_str
  call hv_puts
  j hv_main
  .text
hv_main:
.endm

/* Page tables built at run time (clobber t0, t1). table[index] := pointer to the table
   `target`: */
.macro PTR table, index, target
  la t0, \table
  la t1, \target
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sd t1, (\index * 8)(t0)
.endm
/* table[2] := identity gigapage 0x8000_0000 (supervisor RWX), where the program runs: */
.macro IDENT table
  la t0, \table
  li t1, (0x80000000 >> 2) | PTE_RWX_AD
  sd t1, 16(t0)
.endm
/* satp := mode | asid | PPN(root); sfence.vma: */
.macro SATP mode, asid, root
  la t0, \root
  srli t0, t0, 12
  li t1, (\mode << 60) | (\asid << 44)
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
.endm

/* The end: "FAILED CHECKS: n" if any, "DONE <prog>", SRST shutdown. */
.macro HV_DONE
  j hv_done
.endm

/* ------------------------------------------------------------------------------------------ */
/* Runtime                                                                                    */
/* ------------------------------------------------------------------------------------------ */
  .text
  .option push
  .option norvc

/* Trap entries: t0 <-> sscratch (the frame), t1 saved, t1 = vector id. */
  .balign 4
hv_trap_direct:
  csrrw t0, sscratch, t0
  sd t1, F_REG(6)(t0)
  li t1, -1
  j hv_trap_common

  .balign 256
  .globl hv_vectors
hv_vectors:
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
  j hv_vec_\n
  .endr
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
hv_vec_\n:
  csrrw t0, sscratch, t0
  sd t1, F_REG(6)(t0)
  li t1, \n
  j hv_trap_common
  .endr

hv_trap_common:
  sd t1, F_VEC(t0)
  .irp n, 1,2,3,4,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sd x\n, F_REG(\n)(t0)
  .endr
  csrr t1, sscratch
  sd t1, F_REG(5)(t0)
  csrw sscratch, t0
  ld t1, F_CAUSE(t0)
  ld t2, F_EPC(t0)
  ld t3, F_TVAL(t0)
  sd t1, F_PCAUSE(t0)
  sd t2, F_PEPC(t0)
  sd t3, F_PTVAL(t0)
  csrr t1, scause
  csrr t2, sepc
  csrr t3, stval
  sd t1, F_CAUSE(t0)
  sd t2, F_EPC(t0)
  sd t3, F_TVAL(t0)
  ld t4, F_COUNT(t0)
  addi t4, t4, 1
  sd t4, F_COUNT(t0)
  bltz t1, hv_trap_irq
  ld t4, F_REG(4)(t0)           /* the trapped tp */
  li t5, -1
  bne t4, t5, hv_trap_unexpected
  sd t1, F_REG(4)(t0)           /* tp := scause */
  li t5, 8
  beq t1, t5, hv_trap_ecall_u
  li t5, 1
  beq t1, t5, hv_trap_fetch
  li t5, 12
  beq t1, t5, hv_trap_fetch
hv_trap_skip:
  li t5, SSTATUS_SUM | SSTATUS_MXR
  csrrs t6, sstatus, t5
  lhu t4, 0(t2)
  csrw sstatus, t6
  andi t4, t4, 3
  li t5, 3
  addi t2, t2, 2
  bne t4, t5, 1f
  addi t2, t2, 2
1: csrw sepc, t2
  j hv_trap_return
hv_trap_fetch:
  ld t2, F_REG(1)(t0)
  csrw sepc, t2
  j hv_trap_return
hv_trap_ecall_u:
  ld t4, F_URESUME(t0)
  beqz t4, hv_trap_skip
  sd zero, F_URESUME(t0)
  csrw sepc, t4
  ld t4, F_USP(t0)
  sd t4, F_REG(2)(t0)
  li t5, SSTATUS_SPP
  csrs sstatus, t5
  j hv_trap_return
hv_trap_irq:
  slli t4, t1, 1
  srli t4, t4, 1                /* interrupt code */
  li t5, 5
  bne t4, t5, 1f
  li a0, -1                     /* timer: push the next one to the end of time */
  li a1, -1
  SBI SBI_EXT_TIME, 0
  j hv_trap_return
1: li t5, 1
  bne t4, t5, 2f
  li t5, SIP_SSIP               /* software: clear the pending bit */
  csrc sip, t5
  j hv_trap_return
2: li t5, 1
  sll t5, t5, t4
  csrc sie, t5
hv_trap_return:
  .irp n, 1,2,3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  ld x\n, F_REG(\n)(t0)
  .endr
  ld t0, F_REG(5)(t0)
  sret

hv_trap_unexpected:
  la sp, hv_stack_top
  csrw satp, zero
  sfence.vma
  mv s2, t1
  mv s3, t2
  mv s4, t3
  SAY "UNEXPECTED TRAP"
  PRINT "scause", s2
  PRINT "sepc", s3
  PRINT "stval", s4
  li a0, 0
  li a1, 1
  SBI SBI_EXT_SRST, 0
1: wfi
  j 1b
  .option pop

/* hv_putc(a0): one byte to the console. Clobbers a0, a1, a6, a7, t0. */
hv_putc:
  la t0, hv_frame
  ld t0, F_DBCN(t0)
  beqz t0, 1f
  SBI SBI_EXT_DBCN, 2
  ret
1: SBI SBI_EXT_LEGACY_PUTCHAR, 0
  ret

/* hv_puts(a0): a NUL-terminated string. */
hv_puts:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd s0, 8(sp)
  mv s0, a0
1: lbu a0, 0(s0)
  beqz a0, 2f
  call hv_putc
  addi s0, s0, 1
  j 1b
2: ld ra, 0(sp)
  ld s0, 8(sp)
  addi sp, sp, 16
  ret

/* hv_puthex(a0): "0x" and the hex digits without leading zeros. */
hv_puthex:
  addi sp, sp, -32
  sd ra, 0(sp)
  sd s0, 8(sp)
  sd s1, 16(sp)
  sd s2, 24(sp)
  mv s0, a0
  li a0, '0'
  call hv_putc
  li a0, 'x'
  call hv_putc
  li s1, 60                    /* shift of the current digit */
  li s2, 0                     /* printed a digit yet */
1: srl a0, s0, s1
  andi a0, a0, 15
  bnez s2, 2f
  bnez a0, 2f
  bnez s1, 4f                  /* skip leading zeros, but print the last digit */
2: li s2, 1
  li t0, 10
  blt a0, t0, 3f
  addi a0, a0, 'a' - '0' - 10
3: addi a0, a0, '0'
  call hv_putc
4: addi s1, s1, -4
  bgez s1, 1b
  ld ra, 0(sp)
  ld s0, 8(sp)
  ld s1, 16(sp)
  ld s2, 24(sp)
  addi sp, sp, 32
  ret

/* hv_print_kv(a0 = name, a1 = value): "name: 0x...\n". */
hv_print_kv:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd a1, 8(sp)
  call hv_puts
  li a0, ':'
  call hv_putc
  li a0, ' '
  call hv_putc
  ld a0, 8(sp)
  call hv_puthex
  li a0, '\n'
  call hv_putc
  ld ra, 0(sp)
  addi sp, sp, 16
  ret

/* hv_check_kv(a0 = name, a1 = value, a2 = expected): print, and count a failure. */
hv_check_kv:
  beq a1, a2, hv_print_kv
  la t0, hv_frame
  ld t1, F_FAILS(t0)
  addi t1, t1, 1
  sd t1, F_FAILS(t0)
  j hv_print_kv

hv_done:
  la t0, hv_frame
  ld s0, F_FAILS(t0)
  beqz s0, 1f
  PRINT "FAILED CHECKS", s0
1: la a0, hv_done_str
  call hv_puts
  snez s0, s0
  li a0, 0                     /* shutdown */
  mv a1, s0                    /* reason: 0 none, 1 system failure */
  SBI SBI_EXT_SRST, 0
  SBI SBI_EXT_LEGACY_SHUTDOWN, 0
1: wfi
  j 1b

  .section .rodata.str, "a"
hv_done_str: .asciz "DONE " PROG "\n"
hv_start_str: .asciz "START " PROG "\n"

  .bss
  .balign 64
  .globl hv_frame
hv_frame: .space F_SIZE
  .balign 16
hv_stack: .space 16384
hv_stack_top:
  .text

#endif
