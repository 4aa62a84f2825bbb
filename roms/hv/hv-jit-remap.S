/*
 * hv-jit-remap: code remapped under the same virtual address, run hot, as an S-mode guest (the
 * trap-mode counterpart of roms/tests/jit-remap.S: here each remap goes through the
 * hypervisor's shadow page tables, and with --jit on the code runs compiled, keyed by the host
 * frame behind the guest page). Frames A and B hold the same code except an immediate: fn
 * returns its frame's id (1 or 2) and the address of its own auipc; loop adds the id once per
 * iteration, counts auipc results that are not the expected address and calls a hook (on the
 * identity-mapped page) that may remap the page under it. The tables identity-map
 * 0x8000_0000 (1 GiB) for the program and map VA 0x4000_0000 (+ n * 4 KiB) through l0.
 *   A hot      V -> A, fn called hot: id 1, auipc under V
 *   B          V -> B after sfence.vma (global): id 2 at once and hot
 *   A again    V -> A after sfence.vma of the address: id 1 (A's code may be reused)
 *   loop A>B   the hook remaps V -> B halfway through loop's iterations and fences: the rest
 *              (the hook returns into V) run B's code; "loop B>A" the same back
 *   V and V2   one frame (A) at two virtual pages, called alternately and hot, and loop at
 *              each: auipc and the link address of loop's calls follow the virtual page
 *   asids      two roots (ASIDs 1 and 2) mapping V to A and B, satp switched between the calls,
 *              with no fence when satp keeps the ASIDs (ASIDLEN may be 0: then a fence each)
 * Every line counts wrong results (0) or prints a sum fixed by the spec; a loop's sum only
 * depends on which frame V maps after each fence.
 */
#define PROG "hv-jit-remap"
#include "hv.h"

#define V   0x40000000                 /* l0[0] */
#define V2  0x40003000                 /* l0[3] */
#define PTE_CODE (PTE_V | PTE_R | PTE_X | PTE_A)
#define HOT 20000
#define FN_AUIPC   16                  /* offsets in a frame (see FRAME) */
#define LOOP       64
#define LOOP_AUIPC 80

/* A frame: fn at offset 0, loop at offset LOOP; the .org lines keep both frames' layout equal. */
.macro FRAME id
  .balign 4096
frame\id:
  /* fn: a0 = id, a1 = address of its auipc; a short inner loop so that most of the time is
     spent on this page */
  li t0, 16
1: addi t0, t0, -1
  bnez t0, 1b
  li a0, \id
  .org frame\id + FN_AUIPC            /* (an error if the code above grew) */
  auipc a1, 0
  ret
  .org frame\id + LOOP, 0
  /* s4 iterations: s2 += id; s10 += (auipc != s6); call the hook at s7 (with s1 = the
     iteration). Returns through s9. */
  mv s9, ra
  li s1, 0
2: li t0, \id
  add s2, s2, t0
  .org frame\id + LOOP_AUIPC
  auipc t1, 0
  sub t1, t1, s6
  snez t1, t1
  add s10, s10, t1
  jalr ra, 0(s7)
  addi s1, s1, 1
  bne s1, s4, 2b
  jr s9
.endm

/* reg := a leaf PTE for the frame at label */
.macro PTE_OF reg, label
  la \reg, \label
  srli \reg, \reg, 12
  slli \reg, \reg, 10
  ori \reg, \reg, PTE_CODE
.endm
/* l0[index] := the frame at label, then sfence.vma (global, or of the address va) */
.macro MAP table, index, label, va=
  PTE_OF t1, \label
  la t0, \table + (\index) * 8
  sd t1, 0(t0)
.ifb \va
  sfence.vma
.else
  li t0, \va
  sfence.vma t0, zero
.endif
.endm

/* Call fn at va n times; s10 += calls where a0 != id or a1 != va + FN_AUIPC. */
.macro CALL_HOT va, id, n
  li s5, \n
.Lhot\@:
  li t2, \va
  jalr ra, 0(t2)
  addi t3, a0, -\id
  snez t3, t3
  add s10, s10, t3
  li t4, \va + FN_AUIPC
  sub t4, a1, t4
  snez t4, t4
  add s10, s10, t4
  addi s5, s5, -1
  bnez s5, .Lhot\@
.endm

/* Run loop at va for n iterations with the hook remapping V to label at iteration `at`
   (-1: never); then print the sum and the wrong auipc count. */
.macro RUN_LOOP name, va, n, at, label, sum
  li s4, \n
  li s3, \at
  PTE_OF s8, \label
  la s11, l0
  li s6, \va + LOOP_AUIPC
  la s7, remap_hook
  li s2, 0
  li s10, 0
  li t2, \va + LOOP
  jalr ra, 0(t2)
  CHECK "\name sum", s2, \sum
  CHECK "\name wrong auipc", s10, 0
.endm

HV_MAIN
  IDENT root
  PTR root, 1, l1
  PTR l1, 0, l0
  PTE_OF t1, frame1
  sd t1, l0, t0
  IDENT root2
  PTR root2, 1, l1b
  PTR l1b, 0, l0b
  PTE_OF t1, frame2
  sd t1, l0b, t0
  la t0, root
  srli t0, t0, 12
  li t1, SATP_SV39 | (1 << 44)
  or s0, t0, t1
  csrw satp, s0
  sfence.vma

  li s10, 0
  CALL_HOT V, 1, HOT
  CHECK "A hot wrong", s10, 0
  MAP l0, 0, frame2
  li s10, 0
  CALL_HOT V, 2, 1
  CHECK "B first call wrong", s10, 0
  CALL_HOT V, 2, HOT
  CHECK "B hot wrong", s10, 0
  MAP l0, 0, frame1, V
  li s10, 0
  CALL_HOT V, 1, 1
  CHECK "A again first call wrong", s10, 0
  CALL_HOT V, 1, HOT
  CHECK "A again hot wrong", s10, 0

  RUN_LOOP "loop A>B", V, 20000, 10000, frame2, 10001 + 2 * 9999
  RUN_LOOP "loop B>A", V, 10000, 5000, frame1, 2 * 5001 + 4999

  MAP l0, 3, frame1
  li s10, 0
  li s0, HOT
1: CALL_HOT V, 1, 1
  CALL_HOT V2, 1, 1
  addi s0, s0, -1
  bnez s0, 1b
  CHECK "V and V2 alternately wrong", s10, 0
  RUN_LOOP "loop at V2", V2, HOT, -1, frame1, HOT
  RUN_LOOP "loop at V", V, HOT, -1, frame1, HOT
  RUN_LOOP "loop at V2 again", V2, HOT, -1, frame1, HOT

  /* satp: ASID 1 (root, V -> A), ASID 2 (root2, V -> B) */
  la t0, root
  srli t0, t0, 12
  li t1, SATP_SV39 | (1 << 44)
  or s1, t0, t1
  la t0, root2
  srli t0, t0, 12
  li t1, SATP_SV39 | (2 << 44)
  or s2, t0, t1
  csrw satp, s2
  sfence.vma
  csrr t0, satp
  li s3, 0
  beq t0, s2, 2f
  li s3, 1                             /* the ASID did not stick: fence at every switch */
2: csrw satp, s1
  sfence.vma
  li s10, 0
  li s0, HOT
3: csrw satp, s1
  beqz s3, 4f
  sfence.vma
4: CALL_HOT V, 1, 1
  csrw satp, s2
  beqz s3, 5f
  sfence.vma
5: CALL_HOT V, 2, 1
  addi s0, s0, -1
  bnez s0, 3b
  CHECK "asids alternately wrong", s10, 0
  csrw satp, zero
  sfence.vma
  HV_DONE

/* Called by loop: at iteration s3 it points l0[0] (at s11) at s8 and fences; the return then
   goes into whatever V maps. */
remap_hook:
  bne s1, s3, 1f
  sd s8, 0(s11)
  sfence.vma
1: ret

  .option push
  .option norvc
  FRAME 1
  FRAME 2
  .option pop

  .section .pages, "aw", @nobits
  .balign 4096
root:  .space 4096
l1:    .space 4096
l0:    .space 4096
root2: .space 4096
l1b:   .space 4096
l0b:   .space 4096
