/*
 * hv-shadow: a stress of the coherence between a guest's page tables and whatever caches
 * translations (a hardware TLB; in rvisor's trap mode the shadow page tables, i.e. its software
 * TLB sets tagged by satp). Every check runs twice: under Sv39 and under Sv48 (the Sv39 roots
 * serve as the level-2 tables under Sv48 roots, so the same leaves and intermediate tables are
 * used). Before each run the tables and pages are rebuilt with satp = 0.
 *
 * Only values the spec fixes are checked (CHECK); a value read before the fence that makes it
 * defined is never printed (a stale translation is legal until then). Layout (VA):
 *   0x4000_0000 + n * 4 KiB  (l1a[0] -> l0a[n])
 *     +0  remap loops: P1 <-> P2, 50 times, after sfence.vma by address, by ASID (rs1 = x0,
 *         rs2 = the ASID read back from satp), global, address + ASID. Each iteration reads the
 *         page before the change (the last fence made it defined) and after the fence, and
 *         stores i at +8+8i through the VA; then every store must be in the page the VA mapped.
 *         Printed: wrong reads (0), a checksum (acc * 31 + value) of the values read, misplaced stores.
 *     +1  PTE changes made with AMOs on the PTE (amoor.d / amoand.d on the PPN's low bit: P1
 *         is at an even PPN and P2 = P1 + 4 KiB; amoswap.d; amoand.d / amoor.d of W and V;
 *         amoxor.d; an lr.d / sc.d loop), each followed by sfence.vma of the address.
 *     +2  A/D: cleared in the PTE (A and D, D only, A only) after accesses, sfence.vma, then a
 *         load (A set again, D stays clear) and a store (D set again). The A/D bits are
 *         printed as they are (QEMU and rvisor both update them as hardware; an Svade
 *         implementation would trap instead, and the trap lines would show it).
 *     +3  permissions: W removed + sfence.vma -> store page fault (15, stval = the address),
 *         loads still work, the store wrote nothing; W back + sfence.vma -> the store works;
 *         V removed -> load page fault (13); 20 rounds.
 *     +4  a U page from S: sstatus.SUM toggled 10 times (loads 13 / stores 15 without SUM,
 *         work with it), through csrs/csrc and through a csrw of the whole sstatus.
 *     +5  an execute-only page: sstatus.MXR toggled 10 times (load 13 without, works with; a
 *         store faults (15) either way).
 *     +6  U data page (U1 / U2) and +7 U code page (ucode_a / ucode_b): 20 times S remaps both
 *         (fences: by address, by ASID, global) and srets to the code at +7, which loads from
 *         and stores to +6 and ecalls back; the code that ran, the value it read and where its
 *         store went are checked. Then +6 without U: the U load faults (13), the store (15).
 *     +8  and 0x4040_0000 (l1a[2] -> l0c[0]): two leaves in two different L0 tables changed
 *         together before one fence (global / ASID), 10 rounds.
 *     +10 (Y) ASIDs: ASID 1 (root39) maps Y -> G / G2, ASID 2 (rootb) maps Y -> H / H2; satp
 *         switched between them 100 times (50 rounds); the PTE of the other address space
 *         changes every 10 rounds. After a fence (ASID fence of the other ASID before switching, or a fence
 *         after switching: by ASID, by address, global) the read must be the current page.
 *         Reads without a fence since the last change must be right too, but only if the two
 *         ASIDs differ in satp (ASIDLEN may be 0: then both are ASID 0 and stale reads are
 *         legal), so that count is masked with "the ASIDs differ". Then ASID 2 is reused for a
 *         third root (rootc: Y -> K) with sfence.vma x0, asid after the satp write.
 *   0x4020_0000  (l1a[1]) a 2 MiB megapage -> R1 (2 MiB aligned; page k's first dword is
 *         0x5151..k, R2's 0x5252..k), read at several offsets and stored to; then split into a
 *         table of 4 KiB pages -> R2 with sfence.vma of ONE address inside (the spec invalidates
 *         the whole superpage's translation: every offset must read R2 and stores must land in
 *         R2). Merged back (a leaf replacing a non-leaf PTE): after an address fence either
 *         translation is legal for any offset (the spec wants rs1 = x0 when a non-leaf PTE
 *         changes): printed as "R1 or R2" = 1; after sfence.vma x0, asid: R1. A megapage whose
 *         PPN is not 2 MiB aligned faults (13).
 *   0xC000_0000  (root[3]) a 1 GiB gigapage -> 0x8000_0000 (so the program's R1 shows through
 *         it), split into a table of megapages where R1's 2 MiB piece maps R2 (sfence.vma of
 *         the gigapage's first address, another piece), merged back (sfence.vma x0, asid).
 * The ASID field of printed satp values is masked (ASIDLEN is implementation-specific).
 */
#define PROG "hv-shadow"
#include "hv.h"

#define VA      0x40000000
#define VA_MEGA 0x40200000
#define VA_L0C  0x40400000
#define VA_GIGA 0xC0000000
#define Y       (VA + 0xa000)
#define RWAD    (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
#define URWAD   (RWAD | PTE_U)
#define URXA    (PTE_V | PTE_R | PTE_X | PTE_U | PTE_A)

#define P1VAL   0x1111111100000001
#define P2VAL   0x2222222200000002
#define ADVAL   0xadadadad00000003
#define PERMVAL 0x9e9e9e9e00000004
#define UVAL    0x5555555500000005
#define XVAL    0x7777777700000006
#define U1VAL   0x0101010100000007
#define U2VAL   0x0202020200000008
#define T1VAL   0x7171717100000009
#define T2VAL   0x727272720000000a
#define T3VAL   0x737373730000000b
#define T4VAL   0x747474740000000c
#define GVAL    0x6666666600000010
#define G2VAL   0x6767676700000011
#define HVAL    0x8888888800000012
#define H2VAL   0x8989898900000013
#define KVAL    0x4b4b4b4b00000014
#define R1TAG   0x5151000000000000
#define R2TAG   0x5252000000000000

/* reg := leaf PTE for the physical page in register src with flags (src may equal reg) */
.macro LEAFR reg, src, flags
  srli \reg, \src, 12
  slli \reg, \reg, 10
  ori \reg, \reg, \flags
.endm
/* reg := leaf PTE for the page at label with flags */
.macro LEAFV reg, page, flags
  la \reg, \page
  LEAFR \reg, \reg, \flags
.endm
/* table[index] := leaf(page, flags) (clobbers t0, t1) */
.macro SETPTE table, index, page, flags
  LEAFV t1, \page, \flags
  la t0, \table
  sd t1, (\index * 8)(t0)
.endm
.macro FILL page, val
  la t0, \page
  li t1, \val
  sd t1, 0(t0)
.endm
/* satp := the saved value for address space n (1, 2, 3); no fence */
.macro USE n
  la t0, satp\n
  ld t0, 0(t0)
  csrw satp, t0
.endm
/* reg := the ASID field of satp as it reads back */
.macro ASIDREG reg
  csrr \reg, satp
  srli \reg, \reg, 44
  li t6, 0xffff
  and \reg, \reg, t6
.endm
/* reg := the ASID field of the saved satp n */
.macro ASIDOF reg, n
  la \reg, asid\n
  ld \reg, 0(\reg)
.endm
/* acc := acc * 31 + val (clobbers t5) */
.macro CSUM acc, val
  li t5, 31
  mul \acc, \acc, t5
  add \acc, \acc, \val
.endm
/* s3 := the dword at (reg + off), or the scause if the load trapped; tp as TRY leaves it */
.macro LDV reg, off=0
  li s3, 0
  TRY ld s3, \off(\reg)
  li t0, -1
  beq tp, t0, 9980f
  mv s3, tp
9980:
.endm
/* wrong += (a != b) */
.macro WRONGIF wrong, a, b
  sub t0, \a, \b
  snez t0, t0
  add \wrong, \wrong, t0
.endm
/* print the A and D bits of table[index] */
.macro ADBITS name, table, index
  la t0, \table
  ld s2, (\index * 8)(t0)
  andi s2, s2, PTE_A | PTE_D
  PRINT "\name", s2
.endm
/* print satp without its ASID */
.macro PRINT_SATP name
  csrr s2, satp
  li t1, SATP_ASID_MASK
  not t1, t1
  and s2, s2, t1
  PRINT "\name", s2
.endm
/* Enter U-mode at the virtual address in reg (not t0 / t1), as ENTER_U does */
.macro ENTER_UVA reg
  la t0, hv_frame
  la t1, 9981f
  sd t1, F_URESUME(t0)
  sd sp, F_USP(t0)
  csrw sepc, \reg
  li t0, SSTATUS_SPP | SSTATUS_SPIE
  csrc sstatus, t0
  sret
9981:
.endm

/* Remap loop at VA (l0a[0]): 50 times P1 <-> P2 with the given fence (s5 = VA, s6 = ASID). */
.macro REMAP name, fence:vararg
  SETPTE l0a, 0, pg_p1, RWAD
  sfence.vma
  la a0, pg_p1
  call zero_tail
  la a0, pg_p2
  call zero_tail
  ASIDREG s6
  li s5, VA
  li s2, 0                       /* checksum */
  li s3, 0                       /* wrong reads */
  li s4, 0                       /* i */
  la s7, pg_p1                   /* the page VA maps now */
  la s8, pg_p2
1: ld t2, 0(s5)                  /* defined: the last fence came after the last change */
  ld t3, 0(s7)
  WRONGIF s3, t2, t3
  mv t0, s7
  mv s7, s8
  mv s8, t0
  LEAFR t1, s7, RWAD
  la t0, l0a
  sd t1, 0(t0)
  \fence
  ld t2, 0(s5)
  ld t3, 0(s7)
  WRONGIF s3, t2, t3
  CSUM s2, t2
  slli t1, s4, 3
  add t1, t1, s5
  sd s4, 8(t1)                   /* i at VA + 8 + 8i */
  addi s4, s4, 1
  li t1, 50
  blt s4, t1, 1b
  /* i went to P2 for even i, to P1 for odd i; the other page must hold 0 there */
  li s9, 0
  li s4, 0
  la s7, pg_p2
  la s8, pg_p1
2: slli t1, s4, 3
  add t2, s7, t1
  ld t3, 8(t2)
  WRONGIF s9, t3, s4
  add t2, s8, t1
  ld t3, 8(t2)
  snez t3, t3
  add s9, s9, t3
  mv t0, s7
  mv s7, s8
  mv s8, t0
  addi s4, s4, 1
  li t1, 50
  blt s4, t1, 2b
  CHECK "\name: wrong reads", s3, 0
  PRINT "\name: checksum", s2
  CHECK "\name: misplaced stores", s9, 0
.endm

/* Read the dword at reg + each offset and print it (or the scause if it trapped). */
.macro MREAD name, reg, offs:vararg
  .irp off, \offs
  li t1, \off
  add s9, \reg, t1
  LDV s9
  PRINT "\name +\off", s3
  .endr
.endm
/* The same, printing 1 if the value is R1's or R2's page (off >> 12) */
.macro MREAD_EITHER name, reg, offs:vararg
  .irp off, \offs
  li t1, \off
  add s9, \reg, t1
  LDV s9
  EITHER s3, (R1TAG|(\off>>12)), (R2TAG|(\off>>12))
  CHECK "\name +\off", s3, 1
  .endr
.endm
/* Store val to reg + off + disp, for each offset */
.macro MSTORE reg, disp, offs:vararg
  .irp off, \offs
  li t1, \off
  add t0, \reg, t1
  li t1, \off | 1
  sd t1, \disp(t0)
  .endr
.endm
/* wrong += the stores of MSTORE (value off | 1 at +disp) are in page (off >> 12) of region
   rgood and not in region rbad */
.macro MSTORE_CHECK wrong, rgood, rbad, disp, offs:vararg
  .irp off, \offs
  li t1, \off
  add t0, \rgood, t1
  ld t2, \disp(t0)
  li t3, \off | 1
  WRONGIF \wrong, t2, t3
  li t1, \off
  add t0, \rbad, t1
  ld t2, \disp(t0)
  snez t2, t2
  add \wrong, \wrong, t2
  .endr
.endm

#define MOFFS 0, 0x1000, 0x5000, 0x80000, 0x1ff000
#define GOFFS 0, 0x5000, 0x1ff000

/* The whole suite under one translation mode (8: Sv39, 9: Sv48), names prefixed with p. */
.macro SUITE p, mode
  csrw satp, zero
  sfence.vma
  call build
  li a0, \mode
  call set_satps
  USE 1
  sfence.vma
  PRINT_SATP "\p satp"

  /* ---- remap loops */
  REMAP "\p remap, sfence.vma addr", sfence.vma s5, zero
  REMAP "\p remap, sfence.vma asid", sfence.vma zero, s6
  REMAP "\p remap, sfence.vma global", sfence.vma
  REMAP "\p remap, sfence.vma addr+asid", sfence.vma s5, s6

  /* ---- megapage: map, split (address fence), merge (address fence, then ASID fence) */
  li s10, VA_MEGA
  la t1, r1
  LEAFR t1, t1, RWAD
  la t0, l1a
  sd t1, 8(t0)
  sfence.vma
  MREAD "\p megapage (R1)", s10, MOFFS
  MSTORE s10, 16, MOFFS
  la t0, l0s                     /* l0s[k] -> R2 page k */
  la t1, r2
  LEAFR t1, t1, RWAD
  li t2, 512
1: sd t1, 0(t0)
  addi t0, t0, 8
  li t3, 0x1000 >> 2
  add t1, t1, t3
  addi t2, t2, -1
  bnez t2, 1b
  PTR l1a, 1, l0s
  li t0, VA_MEGA + 0x5000
  sfence.vma t0, zero
  MREAD "\p split, sfence.vma of one address (R2)", s10, MOFFS
  MSTORE s10, 24, MOFFS
  li s8, 0
  la s6, r1
  la s7, r2
  MSTORE_CHECK s8, s6, s7, 16, MOFFS
  MSTORE_CHECK s8, s7, s6, 24, MOFFS
  CHECK "\p megapage / split stores misplaced", s8, 0
  la t1, r1
  LEAFR t1, t1, RWAD
  la t0, l1a
  sd t1, 8(t0)
  li t0, VA_MEGA + 0x80000
  sfence.vma t0, zero
  MREAD_EITHER "\p merge, sfence.vma of one address: R1 or R2", s10, MOFFS
  ASIDREG s6
  sfence.vma zero, s6
  MREAD "\p merge, sfence.vma asid (R1)", s10, MOFFS
  la t1, r1                      /* a megapage whose PPN is not 2 MiB aligned */
  li t0, 0x1000
  add t1, t1, t0
  LEAFR t1, t1, RWAD
  la t0, l1a
  sd t1, 8(t0)
  sfence.vma
  MREAD "\p misaligned megapage", s10, 0x1000
  la t0, l1a
  sd zero, 8(t0)
  sfence.vma

  /* ---- gigapage at VA_GIGA -> 0x8000_0000: split into megapages (R1's piece -> R2), merge */
  la s10, r1
  li t0, VA_GIGA - 0x80000000
  add s10, s10, t0               /* R1 through the gigapage */
  la s11, pg_p1
  add s11, s11, t0               /* P1 through the gigapage */
  la t0, root39
  li t1, (0x80000000 >> 2) | RWAD
  sd t1, 24(t0)
  sfence.vma
  MREAD "\p gigapage (R1)", s10, GOFFS
  LDV s11
  CHECK "\p gigapage: P1", s3, P1VAL
  la t0, l1g                     /* l1g[j] -> megapage 0x8000_0000 + j * 2 MiB */
  li t1, (0x80000000 >> 2) | RWAD
  li t2, 512
1: sd t1, 0(t0)
  addi t0, t0, 8
  li t3, 0x200000 >> 2
  add t1, t1, t3
  addi t2, t2, -1
  bnez t2, 1b
  la t0, r1                      /* R1's piece -> R2 */
  li t1, 0x80000000
  sub t0, t0, t1
  srli t0, t0, 21 - 3
  la t1, l1g
  add t0, t0, t1
  la t1, r2
  LEAFR t1, t1, RWAD
  sd t1, 0(t0)
  PTR root39, 3, l1g
  li t0, VA_GIGA
  sfence.vma t0, zero
  MREAD "\p gigapage split, sfence.vma of one address (R2)", s10, GOFFS
  LDV s11
  CHECK "\p gigapage split: P1", s3, P1VAL
  la t0, root39
  li t1, (0x80000000 >> 2) | RWAD
  sd t1, 24(t0)
  ASIDREG s6
  sfence.vma zero, s6
  MREAD "\p gigapage merge, sfence.vma asid (R1)", s10, GOFFS
  la t0, root39
  sd zero, 24(t0)
  sfence.vma

  /* ---- AMOs on the PTE of VA + 0x1000 (P1: even PPN, P2 = P1 + 4 KiB) */
  la s10, l0a
  addi s10, s10, 8
  li s9, VA + 0x1000
  LDV s9
  CHECK "\p amo: initial (P1)", s3, P1VAL
  li t1, 1 << 10
  amoor.d s2, t1, (s10)
  andi s2, s2, 0x3ff
  PRINT "\p amo: amoor.d PPN|1, old flags", s2
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: after amoor.d (P2)", s3, P2VAL
  li t1, ~(1 << 10)
  amoand.d s2, t1, (s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: after amoand.d (P1)", s3, P1VAL
  LEAFV t1, pg_p2, RWAD
  amoswap.d s2, t1, (s10)
  andi s2, s2, 0x3ff
  PRINT "\p amo: amoswap.d, old flags", s2
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: after amoswap.d (P2)", s3, P2VAL
  li t1, ~PTE_W
  amoand.d zero, t1, (s10)
  sfence.vma s9, zero
  li t1, 0x5678
  TRY sd t1, 8(s9)
  CHECK "\p amo: amoand.d ~W, store scause", tp, 15
  la t0, hv_frame
  ld s2, F_TVAL(t0)
  CHECK "\p amo: store stval", s2, VA + 0x1008
  LDV s9
  CHECK "\p amo: load still works (P2)", s3, P2VAL
  li t1, PTE_W
  amoor.d zero, t1, (s10)
  sfence.vma s9, zero
  li t1, 0x5678
  TRY sd t1, 8(s9)
  CHECK "\p amo: amoor.d W, store trapped", tp, -1
  la t0, pg_p2
  ld s2, 8(t0)
  CHECK "\p amo: stored in P2", s2, 0x5678
  li t1, ~PTE_V
  amoand.d zero, t1, (s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: amoand.d ~V, load", s3, 13
  li t1, PTE_V
  amoor.d zero, t1, (s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: amoor.d V, load (P2)", s3, P2VAL
  li t1, 1 << 10
  amoxor.d zero, t1, (s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: amoxor.d PPN^1 (P1)", s3, P1VAL
1: lr.d t1, (s10)
  xori t1, t1, 1 << 10
  sc.d t2, t1, (s10)
  bnez t2, 1b
  sfence.vma s9, zero
  LDV s9
  CHECK "\p amo: lr.d/sc.d PPN^1 (P2)", s3, P2VAL
  li s3, 0                       /* 20 amoxor.d toggles, each with an address fence */
  li s4, 0
  li s2, 0
  la s7, pg_p2
  la s8, pg_p1
1: li t1, 1 << 10
  amoxor.d zero, t1, (s10)
  sfence.vma s9, zero
  mv t0, s7
  mv s7, s8
  mv s8, t0
  ld t2, 0(s9)
  ld t3, 0(s7)
  WRONGIF s3, t2, t3
  CSUM s2, t2
  addi s4, s4, 1
  li t1, 20
  blt s4, t1, 1b
  CHECK "\p amo: 20 amoxor.d toggles, wrong reads", s3, 0
  PRINT "\p amo: checksum", s2

  /* ---- two L0 tables changed together, one fence: VA + 0x8000 (l0a[8]), VA_L0C (l0c[0]) */
  li s9, VA + 0x8000
  li s10, VA_L0C
  ASIDREG s6
  li s2, 0
  li s3, 0
  li s4, 0
  la s7, pg_t1                   /* what VA + 0x8000 maps now (the other: T2) */
  la s8, pg_t3                   /* what VA_L0C maps now (the other: T4) */
1: ld t2, 0(s9)
  ld t3, 0(s7)
  WRONGIF s3, t2, t3
  ld t2, 0(s10)
  ld t3, 0(s8)
  WRONGIF s3, t2, t3
  la t0, pg_t1                   /* s7 := T1 + T2 - s7, s8 := T3 + T4 - s8 */
  la t1, pg_t2
  add t0, t0, t1
  sub s7, t0, s7
  la t0, pg_t3
  la t1, pg_t4
  add t0, t0, t1
  sub s8, t0, s8
  LEAFR t1, s7, RWAD
  la t0, l0a
  sd t1, 64(t0)
  LEAFR t1, s8, RWAD
  la t0, l0c
  sd t1, 0(t0)
  andi t0, s4, 1
  bnez t0, 2f
  sfence.vma
  j 3f
2: sfence.vma zero, s6
3: ld t2, 0(s9)
  ld t3, 0(s7)
  WRONGIF s3, t2, t3
  CSUM s2, t2
  ld t2, 0(s10)
  ld t3, 0(s8)
  WRONGIF s3, t2, t3
  CSUM s2, t2
  addi s4, s4, 1
  li t1, 10
  blt s4, t1, 1b
  CHECK "\p two L0 tables, one fence: wrong reads", s3, 0
  PRINT "\p two L0 tables: checksum", s2

  /* ---- A/D bits of VA + 0x2000 (l0a[2], made with A = D = 0) */
  li s9, VA + 0x2000
  la s10, l0a
  addi s10, s10, 16
  ADBITS "\p ad: pte before", l0a, 2
  li t1, 0x11
  TRY sd t1, 8(s9)
  mv s2, tp
  PRINT "\p ad: store trap", s2
  ADBITS "\p ad: after store", l0a, 2
  ld t1, 0(s10)
  andi t1, t1, ~(PTE_A | PTE_D)
  sd t1, 0(s10)
  sfence.vma s9, zero
  ADBITS "\p ad: A, D cleared", l0a, 2
  LDV s9
  mv s2, tp
  PRINT "\p ad: load trap", s2
  CHECK "\p ad: load value", s3, ADVAL
  ADBITS "\p ad: after load (A again, no D)", l0a, 2
  li t1, 0x22
  TRY sd t1, 8(s9)
  mv s2, tp
  PRINT "\p ad: store trap", s2
  ADBITS "\p ad: after store (D again)", l0a, 2
  ld t1, 0(s10)
  andi t1, t1, ~PTE_D
  sd t1, 0(s10)
  sfence.vma s9, zero
  ADBITS "\p ad: D cleared", l0a, 2
  LDV s9
  ADBITS "\p ad: after load (D stays clear)", l0a, 2
  li t1, 0x33
  TRY sd t1, 8(s9)
  mv s2, tp
  PRINT "\p ad: store trap", s2
  ADBITS "\p ad: after store (D again)", l0a, 2
  ld t1, 0(s10)
  andi t1, t1, ~PTE_A
  sd t1, 0(s10)
  sfence.vma s9, zero
  ADBITS "\p ad: A cleared", l0a, 2
  LDV s9
  ADBITS "\p ad: after load (A again)", l0a, 2
  ld t1, 0(s10)
  andi t1, t1, ~(PTE_A | PTE_D)
  sd t1, 0(s10)
  sfence.vma s9, zero
  ADBITS "\p ad: A, D cleared", l0a, 2
  li t1, 0x44
  TRY sd t1, 8(s9)
  mv s2, tp
  PRINT "\p ad: store trap", s2
  ADBITS "\p ad: after store alone (A and D)", l0a, 2
  ld t1, 0(s10)
  andi t1, t1, ~PTE_D
  sd t1, 0(s10)
  ASIDREG s6                     /* this time an ASID fence */
  sfence.vma zero, s6
  ADBITS "\p ad: D cleared", l0a, 2
  li t1, 0x55
  TRY sd t1, 8(s9)
  ADBITS "\p ad: after store (D again)", l0a, 2
  la t0, pg_ad
  ld s2, 8(t0)
  CHECK "\p ad: last stored value", s2, 0x55

  /* ---- permissions of VA + 0x3000 (l0a[3]): downgrade / upgrade, 20 rounds */
  li s9, VA + 0x3000
  la s10, l0a
  addi s10, s10, 24
  li t1, 0x77
  TRY sd t1, 8(s9)
  CHECK "\p perm: store to RW page trapped", tp, -1
  ld t1, 0(s10)
  andi t1, t1, ~PTE_W
  sd t1, 0(s10)
  sfence.vma s9, zero
  li t1, 0x88
  TRY sd t1, 16(s9)
  CHECK "\p perm: W removed, store scause", tp, 15
  la t0, hv_frame
  ld s2, F_TVAL(t0)
  CHECK "\p perm: store stval", s2, VA + 0x3010
  LDV s9
  CHECK "\p perm: load still works", s3, PERMVAL
  ld t1, 0(s10)
  ori t1, t1, PTE_W
  sd t1, 0(s10)
  sfence.vma s9, zero
  li t1, 0x99
  TRY sd t1, 24(s9)
  CHECK "\p perm: W back, store trapped", tp, -1
  ld t1, 0(s10)
  andi t1, t1, ~PTE_V
  sd t1, 0(s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p perm: V removed, load", s3, 13
  la t0, hv_frame
  ld s2, F_TVAL(t0)
  CHECK "\p perm: load stval", s2, VA + 0x3000
  ld t1, 0(s10)
  ori t1, t1, PTE_V
  sd t1, 0(s10)
  sfence.vma s9, zero
  LDV s9
  CHECK "\p perm: V back, load", s3, PERMVAL
  la t0, pg_perm
  ld s2, 8(t0)
  ld s3, 16(t0)
  ld s4, 24(t0)
  CHECK "\p perm: page +8", s2, 0x77
  CHECK "\p perm: page +16 (faulted store)", s3, 0
  CHECK "\p perm: page +24", s4, 0x99
  li s6, 0
  li s4, 0
  la s7, pg_perm
  la s8, hv_frame
1: ld t1, 0(s10)
  andi t1, t1, ~PTE_W
  sd t1, 0(s10)
  andi t0, s4, 1                 /* odd rounds: global fence */
  bnez t0, 2f
  sfence.vma s9, zero
  j 3f
2: sfence.vma
3: addi t1, s4, 0x100
  TRY sd t1, 32(s9)
  li t1, 15
  WRONGIF s6, tp, t1
  ld t1, F_TVAL(s8)
  li t2, VA + 0x3020
  WRONGIF s6, t1, t2
  LDV s9
  li t1, PERMVAL
  WRONGIF s6, s3, t1
  ld t1, 0(s10)
  ori t1, t1, PTE_W
  sd t1, 0(s10)
  sfence.vma s9, zero
  TRY sd s4, 40(s9)
  li t1, -1
  WRONGIF s6, tp, t1
  ld t1, 40(s7)
  WRONGIF s6, t1, s4
  ld t1, 32(s7)
  snez t1, t1
  add s6, s6, t1
  addi s4, s4, 1
  li t1, 20
  blt s4, t1, 1b
  CHECK "\p perm: 20 rounds, wrong outcomes", s6, 0

  /* ---- SUM: a U page (VA + 0x4000) from S, SUM toggled 10 times */
  li s9, VA + 0x4000
  li t0, SSTATUS_SUM
  csrc sstatus, t0
  LDV s9
  CHECK "\p sum=0: load", s3, 13
  la t0, hv_frame
  ld s2, F_TVAL(t0)
  CHECK "\p sum=0: load stval", s2, VA + 0x4000
  li t0, SSTATUS_SUM
  csrs sstatus, t0
  LDV s9
  CHECK "\p sum=1: load", s3, UVAL
  li s6, 0
  li s4, 0
  la s7, pg_u
1: li t0, SSTATUS_SUM
  andi t1, s4, 1
  bnez t1, 2f
  csrc sstatus, t0               /* even rounds: csrc / csrs */
  j 3f
2: csrr t1, sstatus              /* odd rounds: csrw of the whole sstatus */
  not t0, t0
  and t1, t1, t0
  csrw sstatus, t1
3: TRY ld t2, 0(s9)
  li t1, 13
  WRONGIF s6, tp, t1
  TRY sd s4, 8(s9)
  li t1, 15
  WRONGIF s6, tp, t1
  li t0, SSTATUS_SUM
  andi t1, s4, 1
  bnez t1, 2f
  csrs sstatus, t0
  j 3f
2: csrr t1, sstatus
  or t1, t1, t0
  csrw sstatus, t1
3: LDV s9
  li t1, UVAL
  WRONGIF s6, s3, t1
  addi t1, s4, 0x200
  TRY sd t1, 16(s9)
  li t1, -1
  WRONGIF s6, tp, t1
  ld t1, 16(s7)
  addi t2, s4, 0x200
  WRONGIF s6, t1, t2
  ld t1, 8(s7)
  snez t1, t1
  add s6, s6, t1
  addi s4, s4, 1
  li t1, 10
  blt s4, t1, 1b
  li t0, SSTATUS_SUM
  csrc sstatus, t0
  CHECK "\p sum: 10 toggles, wrong outcomes", s6, 0

  /* ---- MXR: an execute-only page (VA + 0x5000), MXR toggled 10 times */
  li s9, VA + 0x5000
  LDV s9
  CHECK "\p mxr=0: load", s3, 13
  li t0, SSTATUS_MXR
  csrs sstatus, t0
  LDV s9
  CHECK "\p mxr=1: load", s3, XVAL
  li t1, 1
  TRY sd t1, 8(s9)
  CHECK "\p mxr=1: store scause", tp, 15
  li s6, 0
  li s4, 0
1: li t0, SSTATUS_MXR
  csrc sstatus, t0
  TRY ld t2, 0(s9)
  li t1, 13
  WRONGIF s6, tp, t1
  li t0, SSTATUS_MXR
  csrs sstatus, t0
  LDV s9
  li t1, XVAL
  WRONGIF s6, s3, t1
  TRY sd s4, 8(s9)
  li t1, 15
  WRONGIF s6, tp, t1
  addi s4, s4, 1
  li t1, 10
  blt s4, t1, 1b
  li t0, SSTATUS_MXR
  csrc sstatus, t0
  la t0, pg_x
  ld s2, 8(t0)
  CHECK "\p mxr: page +8 (stores faulted)", s2, 0
  CHECK "\p mxr: 10 toggles, wrong outcomes", s6, 0

  /* ---- U-mode through pages S just remapped: data VA + 0x6000, code VA + 0x7000 */
  li s11, VA + 0x7000
  li s5, 0                       /* i */
  li s6, 0                       /* wrong */
  li s8, 0                       /* checksum */
1: andi t0, s5, 1
  bnez t0, 2f
  SETPTE l0a, 6, pg_u1, URWAD
  SETPTE l0a, 7, ucode_a, URXA
  j 3f
2: SETPTE l0a, 6, pg_u2, URWAD
  SETPTE l0a, 7, ucode_b, URXA
3: li t0, 3
  remu t0, s5, t0
  li t1, 1
  beq t0, t1, 4f
  li t1, 2
  beq t0, t1, 5f
  li s9, VA + 0x6000
  sfence.vma s9, zero
  sfence.vma s11, zero
  j 6f
4: ASIDREG t0
  sfence.vma zero, t0
  j 6f
5: sfence.vma
6: li s9, VA + 0x6000
  addi s10, s5, 0x300
  li s2, 0
  li s3, 0
  li s4, 0
  li s7, 0
  ENTER_UVA s11
  li t1, 8
  WRONGIF s6, tp, t1
  li t1, -1
  WRONGIF s6, s2, t1
  WRONGIF s6, s7, t1
  CSUM s8, s3
  CSUM s8, s4
  andi t0, s5, 1
  bnez t0, 2f
  la t2, pg_u1
  li t3, 0xa
  j 3f
2: la t2, pg_u2
  li t3, 0xb
3: WRONGIF s6, s4, t3
  ld t1, 0(t2)
  WRONGIF s6, s3, t1
  ld t1, 8(t2)
  addi t3, s5, 0x300
  WRONGIF s6, t1, t3
  addi s5, s5, 1
  li t1, 20
  blt s5, t1, 1b
  CHECK "\p u-mode remap: 20 rounds, wrong outcomes", s6, 0
  PRINT "\p u-mode remap: checksum", s8
  SETPTE l0a, 6, pg_u1, RWAD     /* the data page without U */
  li s9, VA + 0x6000
  sfence.vma s9, zero
  li s2, 0
  li s7, 0
  li s10, 0x400
  ENTER_UVA s11
  CHECK "\p u-mode, page without U: ecall back", tp, 8
  CHECK "\p u-mode, page without U: load scause", s2, 13
  CHECK "\p u-mode, page without U: store scause", s7, 15
  CHECK "\p u-mode, code: ucode_b", s4, 0xb
  la t0, pg_u1
  ld s2, 8(t0)
  PRINT "\p u-mode: U1 +8", s2

  /* ---- ASIDs: Y in ASID 1 (root39: G / G2) and ASID 2 (rootb: H / H2) */
  USE 1
  ASIDREG s2
  USE 2
  ASIDREG s3
  sub s10, s2, s3
  snez s10, s10                  /* the two ASIDs differ (ASIDLEN > 0) */
  USE 1
  sfence.vma
  li s7, Y
  LDV s7
  CHECK "\p asid 1: Y (G)", s3, GVAL
  USE 2
  sfence.vma
  LDV s7
  CHECK "\p asid 2: Y (H)", s3, HVAL
  USE 1
  li s2, 0                       /* checksum of the reads after a fence */
  li s3, 0                       /* wrong reads after a fence */
  li s4, 0                       /* i */
  li s5, 0                       /* wrong reads without a fence */
  li s6, 0                       /* pending changes: bit 0 ASID 1's PTE, bit 1 ASID 2's */
  li s8, 0                       /* reads after a fence */
  li s9, 0                       /* reads without a fence */
1: /* in ASID 1: every 10th round changes ASID 2's PTE (H <-> H2) */
  li t0, 10
  remu t0, s4, t0
  li t1, 4
  bne t0, t1, 2f
  la t0, l0b
  ld t1, 80(t0)
  la t2, pg_h
  la t3, pg_h2
  xor t2, t2, t3
  srli t2, t2, 2
  xor t1, t1, t2
  sd t1, 80(t0)
  ori s6, s6, 2
  andi t0, s4, 3                 /* sometimes fence ASID 2 from here, before the switch */
  bnez t0, 2f
  ASIDOF t0, 2
  sfence.vma zero, t0
  andi s6, s6, ~2
2: USE 2
  andi t0, s4, 1
  andi t1, s6, 2
  or t0, t0, t1
  beqz t0, 3f
  andi s6, s6, ~2
  mv a0, s4
  li a1, 2
  call asid_fence
  la a0, l0b
  call asid_read
  WRONGIF s3, a0, a1
  CSUM s2, a0
  addi s8, s8, 1
  j 4f
3: la a0, l0b
  call asid_read
  WRONGIF s5, a0, a1
  addi s9, s9, 1
4: /* in ASID 2: every 10th round changes ASID 1's PTE (G <-> G2) */
  li t0, 10
  remu t0, s4, t0
  li t1, 7
  bne t0, t1, 2f
  la t0, l0a
  ld t1, 80(t0)
  la t2, pg_g
  la t3, pg_g2
  xor t2, t2, t3
  srli t2, t2, 2
  xor t1, t1, t2
  sd t1, 80(t0)
  ori s6, s6, 1
  andi t0, s4, 3
  li t1, 3
  bne t0, t1, 2f
  ASIDOF t0, 1
  sfence.vma zero, t0
  andi s6, s6, ~1
2: USE 1
  andi t0, s4, 1
  xori t0, t0, 1
  andi t1, s6, 1
  or t0, t0, t1
  beqz t0, 3f
  andi s6, s6, ~1
  mv a0, s4
  li a1, 1
  call asid_fence
  la a0, l0a
  call asid_read
  WRONGIF s3, a0, a1
  CSUM s2, a0
  addi s8, s8, 1
  j 4f
3: la a0, l0a
  call asid_read
  WRONGIF s5, a0, a1
  addi s9, s9, 1
4: addi s4, s4, 1
  li t1, 50
  blt s4, t1, 1b
  and s5, s5, s10                /* stale reads are legal if the ASIDs alias */
  CHECK "\p asid switches: reads after a fence", s8, 54
  CHECK "\p asid switches: wrong reads after a fence", s3, 0
  PRINT "\p asid switches: checksum", s2
  CHECK "\p asid switches: reads without a fence", s9, 46
  CHECK "\p asid switches: wrong reads without a fence (if the ASIDs differ)", s5, 0
  /* ASID 2 reused for a third root (rootc: Y -> K) */
  USE 3
  ASIDOF t0, 2
  sfence.vma zero, t0
  LDV s7
  CHECK "\p asid 2 reused for rootc: Y (K)", s3, KVAL
  USE 1
  la a0, l0a
  call asid_read
  sub a0, a0, a1
  snez a0, a0
  and s2, a0, s10
  CHECK "\p asid 1 without a fence: wrong (if the ASIDs differ)", s2, 0
  USE 2
  ASIDOF t0, 2
  sfence.vma zero, t0
  la a0, l0b
  call asid_read
  sub s2, a0, a1
  CHECK "\p asid 2 back on rootb after an asid fence: wrong", s2, 0
  USE 1
  sfence.vma
  csrw satp, zero
  sfence.vma
.endm

HV_MAIN
  SUITE sv39, 8
  SUITE sv48, 9
  HV_DONE

/* zero_tail(a0 = page): zero bytes 8 .. 0x1000 */
zero_tail:
  addi t0, a0, 8
  li t1, 0x1000
  add t1, t1, a0
1: sd zero, 0(t0)
  addi t0, t0, 8
  bltu t0, t1, 1b
  ret

/* asid_fence(a0 = i, a1 = ASID number 1 / 2): i % 3 = 0: sfence.vma x0, asid; 1: sfence.vma Y;
   2: sfence.vma (global) */
asid_fence:
  li t0, 3
  remu t0, a0, t0
  li t1, 1
  beq t0, t1, 1f
  li t1, 2
  beq t0, t1, 2f
  slli t0, a1, 3
  la t1, asid1 - 8
  add t1, t1, t0
  ld t0, 0(t1)
  sfence.vma zero, t0
  ret
1: li t0, Y
  sfence.vma t0, zero
  ret
2: sfence.vma
  ret

/* asid_read(a0 = the L0 table of the current address space): a0 := the dword at Y (or the
   scause), a1 := the first dword of the page that table's PTE for Y maps */
asid_read:
  ld t0, 80(a0)
  srli t0, t0, 10
  slli t0, t0, 12
  ld a1, 0(t0)
  li t0, Y
  li a0, 0
  TRY ld a0, 0(t0)
  li t0, -1
  beq tp, t0, 1f
  mv a0, tp
1: ret

/* set_satps(a0 = 8: Sv39, 9: Sv48): satp1 (ASID 1, root39 / r48a), satp2 (ASID 2, rootb /
   r48b), satp3 (ASID 2, rootc / r48c); asid1 / asid2 as satp reads them back */
set_satps:
  li t0, 8
  bne a0, t0, 1f
  la t1, root39
  la t2, rootb
  la t3, rootc
  j 2f
1: la t1, r48a
  la t2, r48b
  la t3, r48c
2: slli a0, a0, 60
  srli t1, t1, 12
  srli t2, t2, 12
  srli t3, t3, 12
  or t1, t1, a0
  or t2, t2, a0
  or t3, t3, a0
  li t4, 1 << 44
  or t1, t1, t4
  slli t4, t4, 1
  or t2, t2, t4
  or t3, t3, t4
  la t0, satp1
  sd t1, 0(t0)
  sd t2, 8(t0)
  sd t3, 16(t0)
  csrr t5, satp                  /* the ASIDs as satp keeps them */
  csrw satp, t1
  csrr t1, satp
  csrw satp, t2
  csrr t2, satp
  csrw satp, t5
  sfence.vma
  srli t1, t1, 44
  srli t2, t2, 44
  li t4, 0xffff
  and t1, t1, t4
  and t2, t2, t4
  la t0, asid1
  sd t1, 0(t0)
  sd t2, 8(t0)
  ret

/* build: (satp = 0) zero every table and data page, fill the pages, build the tables */
build:
  la t0, tables_start
  la t1, data_end
1: sd zero, 0(t0)
  addi t0, t0, 8
  bltu t0, t1, 1b
  la t0, r1
  li t1, R1TAG
  li t2, 512
  li t3, 0x1000
2: sd t1, 0(t0)
  sd zero, 16(t0)
  sd zero, 24(t0)
  addi t1, t1, 1
  add t0, t0, t3
  addi t2, t2, -1
  bnez t2, 2b
  la t0, r2
  li t1, R2TAG
  li t2, 512
3: sd t1, 0(t0)
  sd zero, 16(t0)
  sd zero, 24(t0)
  addi t1, t1, 1
  add t0, t0, t3
  addi t2, t2, -1
  bnez t2, 3b
  FILL pg_p1, P1VAL
  FILL pg_p2, P2VAL
  FILL pg_ad, ADVAL
  FILL pg_perm, PERMVAL
  FILL pg_u, UVAL
  FILL pg_x, XVAL
  FILL pg_u1, U1VAL
  FILL pg_u2, U2VAL
  FILL pg_t1, T1VAL
  FILL pg_t2, T2VAL
  FILL pg_t3, T3VAL
  FILL pg_t4, T4VAL
  FILL pg_g, GVAL
  FILL pg_g2, G2VAL
  FILL pg_h, HVAL
  FILL pg_h2, H2VAL
  FILL pg_k, KVAL
  /* ASID 1: root39 [1] -> l1a ([0] -> l0a, [2] -> l0c), [2] identity */
  IDENT root39
  PTR root39, 1, l1a
  PTR l1a, 0, l0a
  PTR l1a, 2, l0c
  SETPTE l0a, 0, pg_p1, RWAD
  SETPTE l0a, 1, pg_p1, RWAD
  SETPTE l0a, 2, pg_ad, PTE_V | PTE_R | PTE_W
  SETPTE l0a, 3, pg_perm, RWAD
  SETPTE l0a, 4, pg_u, URWAD
  SETPTE l0a, 5, pg_x, PTE_V | PTE_X | PTE_A
  SETPTE l0a, 6, pg_u1, URWAD
  SETPTE l0a, 7, ucode_a, URXA
  SETPTE l0a, 8, pg_t1, RWAD
  SETPTE l0a, 10, pg_g, RWAD
  SETPTE l0c, 0, pg_t3, RWAD
  /* ASID 2: rootb [1] -> l1b [0] -> l0b ([10] -> H); the reused ASID 2: rootc -> K */
  IDENT rootb
  PTR rootb, 1, l1b
  PTR l1b, 0, l0b
  SETPTE l0b, 10, pg_h, RWAD
  IDENT rootc
  PTR rootc, 1, l1c
  PTR l1c, 0, l0k
  SETPTE l0k, 10, pg_k, RWAD
  /* Sv48: the Sv39 roots are the level-2 tables */
  PTR r48a, 0, root39
  PTR r48b, 0, rootb
  PTR r48c, 0, rootc
  fence
  ret

/* ---- U-mode code: two pages with the same layout (mapped at VA + 0x7000 in turn):
   s4 := which page ran, s3 := the load from s9 (s2: its trap, -1 none), s10 stored at s9 + 8
   (s7: its trap) */
  .section .utext, "ax"
  .option push
  .option norvc
  .balign 4096
ucode_a:
  li s4, 0xa
  TRY ld s3, 0(s9)
  mv s2, tp
  TRY sd s10, 8(s9)
  mv s7, tp
  TRY ecall
  .balign 4096
ucode_b:
  li s4, 0xb
  TRY ld s3, 0(s9)
  mv s2, tp
  TRY sd s10, 8(s9)
  mv s7, tp
  TRY ecall
  .option pop

  .bss
  .balign 8
satp1: .dword 0
satp2: .dword 0
satp3: .dword 0
asid1: .dword 0
asid2: .dword 0

  .section .pages, "aw", @nobits
  .balign 4096
tables_start:
root39: .space 4096
l1a:    .space 4096
l0a:    .space 4096
l0c:    .space 4096
l0s:    .space 4096
l1g:    .space 4096
rootb:  .space 4096
l1b:    .space 4096
l0b:    .space 4096
rootc:  .space 4096
l1c:    .space 4096
l0k:    .space 4096
r48a:   .space 4096
r48b:   .space 4096
r48c:   .space 4096
  .balign 8192                   /* P1 at an even PPN, P2 = P1 + 4 KiB */
pg_p1:  .space 4096
pg_p2:  .space 4096
pg_ad:  .space 4096
pg_perm: .space 4096
pg_u:   .space 4096
pg_x:   .space 4096
pg_u1:  .space 4096
pg_u2:  .space 4096
pg_t1:  .space 4096
pg_t2:  .space 4096
pg_t3:  .space 4096
pg_t4:  .space 4096
pg_g:   .space 4096
pg_g2:  .space 4096
pg_h:   .space 4096
pg_h2:  .space 4096
pg_k:   .space 4096
data_end:
  .balign 0x200000
r1:     .space 0x200000
r2:     .space 0x200000
