/*
 * hv-smp: two harts (QEMU -smp 2, rvisor --smp 2). The boot hart ("hart 0" below: the one
 * the SBI started, its id in a0; under OpenSBI any hart may win the boot lottery) does all the
 * printing, so that the output order is deterministic; the other hart ("hart 1", id = boot id
 * XOR 1) reports through memory. Hart ids themselves are never printed.
 *
 *  1. HSM: hart_get_status of self (started, 0) and of hart 1 before hart_start (stopped, 1);
 *     hart_start(hart 1, h1_entry, opaque); hart 1 stores what it was entered with (a0 = its
 *     id, a1 = opaque, satp = 0, sstatus.SIE = 0) and raises a flag; then get_status (started,
 *     0) and a second hart_start (already available, -6).
 *  2. IPI: hart 0 enables SSIE and sends an IPI to hart 1, which waits for it (wfi), stores
 *     the scause it took and sends an IPI back; hart 0 prints its own scause, then hart 1's
 *     (both 0x8000000000000001).
 *  3. Counters: after a common start flag, each hart adds 1 10 000 times to c_amo with
 *     amoadd.w, 10 000 times to c_lrsc with an lr.w / sc.w loop, and 10 000 times to c_mix
 *     alternating the two: each must end at 20 000 (0x4e20).
 *  4. Remote fences: both harts run on one Sv39 table (ASID 1) where Z = 0x4000_0000 maps page
 *     A or B. Hart 1 reads Z continuously (its translation stays cached) while waiting for a
 *     round number. Each of 12 rounds hart 0 flips the PTE (A <-> B), executes sfence.vma Z
 *     itself, calls RFENCE remote_sfence_vma / remote_sfence_vma_asid for hart 1 (the range
 *     Z + 4 KiB, or the whole address space), then publishes the round; hart 1 reads Z once
 *     more, stores the value and acknowledges. Every value must be the new page's.
 *  5. hart 1 calls HSM hart_stop; hart 0 polls hart_get_status until it says stopped (1)
 *     (OpenSBI passes through stop_pending), starts hart 1 again at a second entry (which
 *     reports its opaque and stops again), waits for stopped again, and shuts the system down
 *     with SRST.
 */
#define PROG "hv-smp"
#include "hv.h"

#define Z 0x40000000
#define RWAD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define AVAL 0xaaaa5555aaaa0001
#define BVAL 0xbbbb4444bbbb0002
#define OPAQUE1 0x5a5a0001
#define OPAQUE2 0x5a5a0002
#define ROUNDS 12
#define N 10000
#define SPIN (1 << 26)          /* bound of every wait: a hung hart gives a line, not a hang */

/* shared words (offsets in `shared`, one 64-byte line each) */
#define S_STARTED   (0 * 64)
#define S_IDOK      (1 * 64)
#define S_OPAQUE    (2 * 64)
#define S_SATP      (3 * 64)
#define S_SIE       (4 * 64)
#define S_IPICAUSE  (5 * 64)
#define S_GO        (6 * 64)
#define S_DONE      (7 * 64)
#define S_C_AMO     (8 * 64)
#define S_C_LRSC    (9 * 64)
#define S_C_MIX     (10 * 64)
#define S_MMU_SATP  (11 * 64)
#define S_MMU_GO    (12 * 64)
#define S_SEQ       (13 * 64)
#define S_ACK       (14 * 64)
#define S_READ      (15 * 64)
#define S_STARTED2  (16 * 64)
#define S_OPAQUE2   (17 * 64)
#define S_OTHER     (18 * 64)
#define S_BOOT      (19 * 64)
#define S_IPIFLAG   (20 * 64)
#define S_SIZE      (21 * 64)

/* wait until the dword at shared + off equals reg (clobbers a0-a2, t0-t2); a0 := 1 if it
   did, 0 after SPIN polls */
.macro WAIT_EQ off, reg
  la a0, shared
  li t0, \off
  add a0, a0, t0
  mv a1, \reg
  call wait_eq
.endm
/* the same for a constant */
.macro WAIT_EQI off, val
  li t1, \val
  WAIT_EQ \off, t1
.endm
/* shared + off := reg (not t5 / t6), after every earlier access (fence rw, w) */
.macro PUBLISH off, reg
  fence rw, w
  la t6, shared
  li t5, \off
  add t6, t6, t5
  sd \reg, 0(t6)
.endm
/* reg := shared + off, before every later access (fence r, rw) */
.macro FETCH reg, off
  la t0, shared
  li t1, \off
  add t0, t0, t1
  ld \reg, 0(t0)
  fence r, rw
.endm
/* the three counter loops, run by each hart (clobbers t0-t4) */
.macro COUNT
  la t0, shared
  li t1, S_C_AMO
  add t1, t1, t0
  li t2, N
  li t3, 1
1: amoadd.w zero, t3, (t1)
  addi t2, t2, -1
  bnez t2, 1b
  li t1, S_C_LRSC
  add t1, t1, t0
  li t2, N
2: lr.w t3, (t1)
  addi t3, t3, 1
  sc.w t4, t3, (t1)
  bnez t4, 2b
  addi t2, t2, -1
  bnez t2, 2b
  li t1, S_C_MIX
  add t1, t1, t0
  li t2, N
3: andi t3, t2, 1
  bnez t3, 4f
  li t3, 1
  amoadd.w zero, t3, (t1)
  j 5f
4: lr.w t3, (t1)
  addi t3, t3, 1
  sc.w t4, t3, (t1)
  bnez t4, 4b
5: addi t2, t2, -1
  bnez t2, 3b
.endm

HV_MAIN
  la t0, hv_frame
  ld s0, F_HARTID(t0)            /* boot hart id */
  xori s1, s0, 1                 /* the other hart */
  PUBLISH S_BOOT, s0
  PUBLISH S_OTHER, s1

  /* ---- 1. HSM start */
  mv a0, s0
  SBI SBI_EXT_HSM, 2
  mv s2, a0
  mv s3, a1
  CHECK "get_status(self) error", s2, 0
  CHECK "get_status(self)", s3, 0
  mv a0, s1
  SBI SBI_EXT_HSM, 2
  mv s2, a0
  mv s3, a1
  CHECK "get_status(hart 1) before hart_start: error", s2, 0
  CHECK "get_status(hart 1) before hart_start", s3, 1
  mv a0, s1
  la a1, h1_entry
  li a2, OPAQUE1
  SBI SBI_EXT_HSM, 0
  mv s2, a0
  CHECK "hart_start(hart 1) error", s2, 0
  WAIT_EQI S_STARTED, 1
  CHECK "hart 1 started (flag seen)", a0, 1
  FETCH s2, S_IDOK
  CHECK "hart 1: a0 is its hart id", s2, 1
  FETCH s2, S_OPAQUE
  CHECK "hart 1: a1 (opaque)", s2, OPAQUE1
  FETCH s2, S_SATP
  CHECK "hart 1: satp", s2, 0
  FETCH s2, S_SIE
  CHECK "hart 1: sstatus.SIE", s2, 0
  mv a0, s1
  SBI SBI_EXT_HSM, 2
  mv s2, a0
  mv s3, a1
  CHECK "get_status(hart 1) after hart_start: error", s2, 0
  CHECK "get_status(hart 1) after hart_start", s3, 0
  mv a0, s1
  la a1, h1_entry
  li a2, OPAQUE1
  SBI SBI_EXT_HSM, 0
  mv s2, a0
  CHECK "hart_start(hart 1) again: error", s2, -6

  /* ---- 2. IPIs: hart 0 -> hart 1 -> hart 0 */
  li t0, SIP_SSIP
  csrs sie, t0
  la t0, hv_frame
  ld s8, F_COUNT(t0)
  li a0, 1
  mv a1, s1
  SBI SBI_EXT_IPI, 0
  mv s2, a0
  CHECK "send_ipi(hart 1) error", s2, 0
  WAIT_TRAP s8
  ld s2, F_CAUSE(t0)
  CHECK "hart 0: ipi scause", s2, 0x8000000000000001
  csrw sie, zero
  WAIT_EQI S_IPIFLAG, 1     /* hart 1 stored its scause before it sent the IPI back */
  FETCH s2, S_IPICAUSE
  CHECK "hart 1: ipi scause", s2, 0x8000000000000001

  /* ---- 3. shared counters */
  li t1, 1
  PUBLISH S_GO, t1
  COUNT
  la t0, shared
  li t1, S_DONE
  add t0, t0, t1
  li t1, 1
  amoadd.d zero, t1, (t0)
  WAIT_EQI S_DONE, 2
  CHECK "counters: both harts done", a0, 1
  FETCH s2, S_C_AMO
  FETCH s3, S_C_LRSC
  FETCH s4, S_C_MIX
  CHECK "counter amoadd.w (2 x 10000)", s2, 2 * N
  CHECK "counter lr.w/sc.w (2 x 10000)", s3, 2 * N
  CHECK "counter mixed (2 x 10000)", s4, 2 * N

  /* ---- 4. a PTE both harts use, remote fences */
  la t0, page_a
  li t1, AVAL
  sd t1, 0(t0)
  la t0, page_b
  li t1, BVAL
  sd t1, 0(t0)
  la t0, root
  li t1, (0x80000000 >> 2) | PTE_RWX_AD
  sd t1, 16(t0)
  la t1, l1
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sd t1, 8(t0)
  la t0, l1
  la t1, l0
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, PTE_V
  sd t1, 0(t0)
  la t0, l0
  la t1, page_a
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, RWAD
  sd t1, 0(t0)
  la t0, root
  srli t0, t0, 12
  li t1, SATP_SV39 | (1 << 44)
  or s9, t0, t1
  csrw satp, s9
  sfence.vma
  csrr s9, satp                  /* as it reads back (the ASID may be narrower) */
  srli s10, s9, 44
  li t0, 0xffff
  and s10, s10, t0               /* the ASID for remote_sfence_vma_asid */
  PUBLISH S_MMU_SATP, s9
  li t1, 1
  PUBLISH S_MMU_GO, t1
  WAIT_EQI S_ACK, -1             /* hart 1 runs on the table and reads Z (A) */
  CHECK "hart 1 on the page table (flag seen)", a0, 1
  FETCH s2, S_READ
  CHECK "hart 1: Z before any change (A)", s2, AVAL
  li s4, 1                       /* round */
  li s5, 0                       /* wrong reads */
  li s6, 0                       /* SBI errors */
  li s7, 0                       /* checksum of hart 1's reads */
  la s3, page_a                  /* what Z maps now */
1: li t0, Z
  ld t1, 0(t0)                   /* hart 0 uses Z too */
  ld t2, 0(s3)
  sub t1, t1, t2
  snez t1, t1
  add s5, s5, t1
  la t0, page_a                  /* s3 := the other page */
  la t1, page_b
  add t0, t0, t1
  sub s3, t0, s3
  la t0, l0
  srli t1, s3, 12
  slli t1, t1, 10
  ori t1, t1, RWAD
  sd t1, 0(t0)
  li t0, Z
  sfence.vma t0, zero
  andi t0, s4, 3                 /* 0, 1: range Z + 4 KiB; 2, 3: everything (size -1) */
  li a0, 1
  mv a1, s1
  li a2, Z
  li a3, 0x1000
  andi t1, t0, 2
  beqz t1, 2f
  li a2, 0
  li a3, -1
2: mv a4, s10
  andi t1, t0, 1
  bnez t1, 3f
  SBI SBI_EXT_RFENCE, 1          /* remote_sfence_vma */
  j 4f
3: SBI SBI_EXT_RFENCE, 2         /* remote_sfence_vma_asid */
4: snez a0, a0
  add s6, s6, a0
  PUBLISH S_SEQ, s4
  WAIT_EQ S_ACK, s4
  beqz a0, 5f
  FETCH t1, S_READ
  ld t2, 0(s3)
  sub t3, t1, t2
  snez t3, t3
  add s5, s5, t3
  li t5, 31
  mul s7, s7, t5
  add s7, s7, t1
  addi s4, s4, 1
  li t1, ROUNDS
  ble s4, t1, 1b
5: addi s4, s4, -1
  CHECK "remote fence rounds done", s4, ROUNDS
  CHECK "remote fence SBI errors", s6, 0
  CHECK "remote fence: wrong reads", s5, 0
  PRINT "remote fence: checksum of hart 1's reads", s7
  csrw satp, zero
  sfence.vma

  /* ---- 5. hart 1 stops itself (after its last round); hart 0 polls its status */
  mv a0, s1
  call wait_stopped
  mv s2, a0
  mv s3, a1
  CHECK "get_status(hart 1) after its hart_stop: error", s2, 0
  CHECK "get_status(hart 1) after its hart_stop", s3, 1
  mv a0, s1
  la a1, h1_entry2
  li a2, OPAQUE2
  SBI SBI_EXT_HSM, 0
  mv s2, a0
  CHECK "hart_start(hart 1) after hart_stop: error", s2, 0
  WAIT_EQI S_STARTED2, 1
  CHECK "hart 1 restarted (flag seen)", a0, 1
  FETCH s2, S_OPAQUE2
  CHECK "hart 1 restarted: a1 (opaque)", s2, OPAQUE2
  mv a0, s1
  call wait_stopped
  mv s2, a0
  mv s3, a1
  CHECK "get_status(hart 1) after its second hart_stop: error", s2, 0
  CHECK "get_status(hart 1) after its second hart_stop", s3, 1
  HV_DONE

/* wait_eq(a0 = address, a1 = value): a0 := 1 when the dword there equals a1, 0 after SPIN
   polls. Clobbers a2, t0. */
wait_eq:
  li a2, SPIN
1: ld t0, 0(a0)
  beq t0, a1, 2f
  addi a2, a2, -1
  bnez a2, 1b
  li a0, 0
  ret
2: fence r, rw
  li a0, 1
  ret

/* wait_stopped(a0 = hart): poll hart_get_status until it is not started / stop_pending
   (at most SPIN / 64 calls); a0 := the error, a1 := the last status. */
wait_stopped:
  mv t3, a0
  li t4, SPIN / 64
1: mv a0, t3
  SBI SBI_EXT_HSM, 2
  bnez a0, 2f
  li t0, 1
  beq a1, t0, 2f
  addi t4, t4, -1
  bnez t4, 1b
2: ret

/* ---- hart 1 ---- */
h1_entry:
  la sp, h1_stack_top
  la t0, h1_frame
  csrw sscratch, t0
  sd a0, F_HARTID(t0)
  la t1, hv_trap_direct
  csrw stvec, t1
  csrw sie, zero
  mv s0, a0
  mv s1, a1
  csrr s2, satp
  csrr s3, sstatus
  andi s3, s3, SSTATUS_SIE
  FETCH t2, S_OTHER
  sub t2, s0, t2
  seqz t2, t2
  PUBLISH S_IDOK, t2
  PUBLISH S_OPAQUE, s1
  PUBLISH S_SATP, s2
  PUBLISH S_SIE, s3
  li t2, 1
  PUBLISH S_STARTED, t2

  /* wait for hart 0's IPI, then send one back */
  la s4, h1_frame
  ld s5, F_COUNT(s4)
  li t0, SIP_SSIP
  csrs sie, t0
1: csrci sstatus, SSTATUS_SIE
  ld t1, F_COUNT(s4)
  bne t1, s5, 2f
  wfi
  csrsi sstatus, SSTATUS_SIE
  j 1b
2: csrw sie, zero
  ld t1, F_CAUSE(s4)
  PUBLISH S_IPICAUSE, t1
  li t1, 1
  PUBLISH S_IPIFLAG, t1
  FETCH a1, S_BOOT
  li a0, 1
  SBI SBI_EXT_IPI, 0

  /* counters */
  WAIT_EQI S_GO, 1
  COUNT
  la t0, shared
  li t1, S_DONE
  add t0, t0, t1
  li t1, 1
  amoadd.d zero, t1, (t0)

  /* the shared page table: read Z all the time while waiting for each round */
  WAIT_EQI S_MMU_GO, 1
  FETCH t0, S_MMU_SATP
  csrw satp, t0
  sfence.vma
  li s6, Z
  ld t1, 0(s6)
  PUBLISH S_READ, t1
  li t1, -1
  PUBLISH S_ACK, t1
  li s4, 1                       /* round */
3: li s5, SPIN
4: ld t1, 0(s6)                  /* keeps Z's translation in use */
  la t0, shared
  li t1, S_SEQ
  add t0, t0, t1
  ld t1, 0(t0)
  beq t1, s4, 5f
  addi s5, s5, -1
  bnez s5, 4b
  j 6f                           /* hart 0 went away: stop */
5: fence r, rw
  ld t1, 0(s6)
  PUBLISH S_READ, t1
  PUBLISH S_ACK, s4
  addi s4, s4, 1
  li t1, ROUNDS
  ble s4, t1, 3b
6: csrw satp, zero
  sfence.vma
  SBI SBI_EXT_HSM, 1             /* hart_stop: does not return */
7: wfi
  j 7b

/* the second start: report the opaque, stop again */
h1_entry2:
  PUBLISH S_OPAQUE2, a1
  li t2, 1
  PUBLISH S_STARTED2, t2
  SBI SBI_EXT_HSM, 1
1: wfi
  j 1b

  .bss
  .balign 64
shared: .space S_SIZE
  .balign 64
h1_frame: .space F_SIZE
  .balign 16
h1_stack: .space 4096
h1_stack_top:

  .section .pages, "aw", @nobits
  .balign 4096
root:   .space 4096
l1:     .space 4096
l0:     .space 4096
page_a: .space 4096
page_b: .space 4096
