/*
 * hv-mmu: Sv39 / Sv48 address translation as an S-mode guest uses it, with page tables built
 * at run time. Every table identity-maps 0x8000_0000 (1 GiB gigapage, supervisor RWX) for the
 * program itself; test pages live at VA 0x4000_0000 + n * 4 KiB:
 *   +0 -> A (then B, A, B, A: remapped, each time after sfence.vma by address, by ASID,
 *         global, and by address + ASID; only the value after the sfence is printed, since
 *         before it either translation may legally be used)
 *   +1 -> D with A = D = 0: a load then a store. The hart may set A (then D) itself or raise a
 *         page fault (Svade); QEMU sets them, and so does rvisor's trap mode (which emulates the
 *         update); each line prints whether it trapped and the PTE flags after the access.
 *   +2 -> E with U = 1: S loads / stores fault (13 / 15) without sstatus.SUM, work with it;
 *         an S fetch from it faults (12) even with SUM.
 *   +3 -> F execute-only: a load faults (13) without sstatus.MXR, works with it.
 *   +4 -> G in the ASID 1 table, H in the ASID 2 table: switching satp (with sfence.vma after
 *         each switch, so that it is right even without ASIDs) shows G, H, G.
 *   +5 -> A read-only: a store faults (15).
 * Sv48: the Sv39 root serves as the level-2 table under root48[0], and VA 0x80_0000_0000
 * (VPN[3] = 1) maps page C through a 4-level walk of its own. Non-canonical addresses fault.
 * satp writes with an unsupported MODE (11 = the reserved Sv64, 12, 15) must leave satp
 * unchanged; Sv57 (10) may be supported (QEMU 7.2 has it) or not: "unchanged or taken".
 * The ASID field of printed satp values is masked (ASIDLEN is implementation-specific).
 */
#define PROG "hv-mmu"
#include "hv.h"

#define VA 0x40000000
#define VA48 0x8000000000

/* table[index] := leaf for the page `target` with flags */
.macro LEAF table, index, target, flags
  la t0, \table
  la t1, \target
  srli t1, t1, 12
  slli t1, t1, 10
  ori t1, t1, \flags
  sd t1, (\index * 8)(t0)
.endm
/* page's first dword := val */
.macro FILL page, val
  la t0, \page
  li t1, \val
  sd t1, 0(t0)
.endm
/* print satp without its ASID */
.macro PRINT_SATP name
  csrr s2, satp
  li t1, SATP_ASID_MASK
  not t1, t1
  and s2, s2, t1
  PRINT "\name", s2
.endm
/* s3 := dword at address; print it and whether the load trapped (tp = -1: no) */
.macro LOAD name, addr
  li s9, \addr
  li s3, 0
  TRY ld s3, 0(s9)
  mv s2, tp
  PRINT "\name trap", s2
  PRINT "\name value", s3
.endm
/* print the flags of table[index] */
.macro PTE_FLAGS name, table, index
  la t0, \table
  ld s2, (\index * 8)(t0)
  andi s2, s2, 0x3ff
  PRINT "\name", s2
.endm

HV_MAIN
  FILL page_a, 0xaaaaaaaa00000001
  FILL page_b, 0xbbbbbbbb00000002
  FILL page_c, 0xcccccccc00000003
  FILL page_d, 0xdddddddd00000004
  FILL page_e, 0xeeeeeeee00000005
  FILL page_f, 0xffff000000000006
  FILL page_g, 0x6666666600000007
  FILL page_h, 0x8888888800000008
  la t0, page_e                  /* S fetch target in the U page: ret */
  li t1, 0x00008067
  sw t1, 0x100(t0)
  fence.i

  /* Sv39 root (ASID 1): [1] -> l1a -> l0a, [2] identity */
  IDENT root39
  PTR root39, 1, l1a
  PTR l1a, 0, l0a
  LEAF l0a, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  LEAF l0a, 1, page_d, PTE_V | PTE_R | PTE_W
  LEAF l0a, 2, page_e, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D
  LEAF l0a, 3, page_f, PTE_V | PTE_X | PTE_A
  LEAF l0a, 4, page_g, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  LEAF l0a, 5, page_a, PTE_V | PTE_R | PTE_A
  /* the ASID 2 root: the same identity map, VA+4 -> H */
  IDENT rootb
  PTR rootb, 1, l1b
  PTR l1b, 0, l0b
  LEAF l0b, 4, page_h, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  /* Sv48 root: [0] -> root39 (as a level-2 table), [1] -> l2x -> l1x -> l0x[0] -> C */
  PTR root48, 0, root39
  PTR root48, 1, l2x
  PTR l2x, 0, l1x
  PTR l1x, 0, l0x
  LEAF l0x, 0, page_c, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D

  /* ---- Sv39, remapping and sfence.vma */
  SATP 8, 1, root39
  PRINT_SATP "satp sv39"
  LOAD "sv39 va+0 (A)", VA
  LEAF l0a, 0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t0, VA
  sfence.vma t0, zero
  LOAD "after sfence.vma addr (B)", VA
  LEAF l0a, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t0, 1
  sfence.vma zero, t0
  LOAD "after sfence.vma asid (A)", VA
  LEAF l0a, 0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  sfence.vma
  LOAD "after sfence.vma global (B)", VA
  LEAF l0a, 0, page_a, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t0, VA
  li t1, 1
  sfence.vma t0, t1
  LOAD "after sfence.vma addr+asid (A)", VA
  la t0, page_b                  /* page B through the identity map */
  ld s3, 0(t0)
  PRINT "sv39 identity of page B value", s3
  LOAD "sv39 non-canonical", VA48
  LOAD "sv39 read-only page", VA + 0x5000
  li s9, VA + 0x5000
  TRY sd zero, 0(s9)
  CHECK "sv39 store to read-only page scause", tp, 15

  /* ---- A/D bits */
  PTE_FLAGS "ad pte before", l0a, 1
  LOAD "ad load", VA + 0x1000
  PTE_FLAGS "ad pte after load", l0a, 1
  la t0, l0a                     /* if the load faulted (Svade), set A as software would */
  ld t1, 8(t0)
  ori t1, t1, PTE_A
  sd t1, 8(t0)
  sfence.vma
  li s9, VA + 0x1000
  li t1, 0x1234
  TRY sd t1, 0(s9)
  mv s2, tp
  PRINT "ad store trap", s2
  PTE_FLAGS "ad pte after store", l0a, 1
  la t0, page_d
  ld s3, 0(t0)
  PRINT "ad page D dword 0", s3

  /* ---- U pages and SUM */
  LOAD "u page, SUM=0: load", VA + 0x2000
  li s9, VA + 0x2000
  TRY sd zero, 8(s9)
  CHECK "u page, SUM=0: store scause", tp, 15
  li t0, VA + 0x2100
  li tp, -1
  jalr ra, 0(t0)
  CHECK "u page, SUM=0: S fetch scause", tp, 12
  li t0, SSTATUS_SUM
  csrs sstatus, t0
  LOAD "u page, SUM=1: load", VA + 0x2000
  li s9, VA + 0x2000
  li t1, 0x5555
  TRY sd t1, 8(s9)
  CHECK "u page, SUM=1: store trapped", tp, -1
  la t0, page_e
  ld s3, 8(t0)
  PRINT "u page, SUM=1: stored value", s3
  /* QEMU 7.2 keeps the execute permission of the PTE in the TLB entry that the S store
     above made with SUM=1, and then lets S fetch from the U page: flush it first */
  sfence.vma
  li t0, VA + 0x2100
  li tp, -1
  jalr ra, 0(t0)
  CHECK "u page, SUM=1: S fetch scause", tp, 12
  li t0, SSTATUS_SUM
  csrc sstatus, t0

  /* ---- execute-only pages and MXR */
  LOAD "x-only page, MXR=0: load", VA + 0x3000
  li t0, SSTATUS_MXR
  csrs sstatus, t0
  LOAD "x-only page, MXR=1: load", VA + 0x3000
  li t0, SSTATUS_MXR
  csrc sstatus, t0

  /* ---- ASIDs: the same VA in two address spaces */
  LOAD "asid 1: va+4 (G)", VA + 0x4000
  SATP 8, 2, rootb
  PRINT_SATP "satp asid 2"
  LOAD "asid 2: va+4 (H)", VA + 0x4000
  LOAD "asid 2: va+0 unmapped", VA
  SATP 8, 1, root39
  LOAD "asid 1 again: va+4 (G)", VA + 0x4000

  /* ---- Sv48 */
  SATP 9, 1, root48
  PRINT_SATP "satp sv48"
  LOAD "sv48 va+0 (A)", VA
  LOAD "sv48 0x80_0000_0000 (C)", VA48
  LOAD "sv48 non-canonical", 0x1000000000000
  LEAF l0x, 0, page_b, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
  li t0, VA48
  sfence.vma t0, zero
  LOAD "sv48 after remap (B)", VA48

  /* ---- unsupported modes leave satp unchanged. T identity-maps for Sv39/48/57 alike:
     T[0] -> T, T[2] = the gigapage */
  IDENT pt_self
  PTR pt_self, 0, pt_self
  SATP 8, 0, pt_self
  la s4, pt_self
  srli s4, s4, 12
  li t1, SATP_SV39
  or s4, s4, t1                  /* the sane value */
  li t1, 10 << 60                /* Sv57: unchanged, or taken */
  xor t2, s4, t1
  li t1, SATP_SV39
  xor t2, t2, t1                 /* Sv57 | PPN(T) */
  csrw satp, t2
  sfence.vma
  csrr s2, satp
  li t1, SATP_ASID_MASK
  not t1, t1
  and s2, s2, t1
  sub t3, s2, s4
  sub t4, s2, t2
  seqz t3, t3
  seqz t4, t4
  or s2, t3, t4
  CHECK "satp sv57 write: unchanged or taken", s2, 1
  csrw satp, s4
  sfence.vma
  .irp mode, 11, 12, 15
  li t1, 0x0fffffffffffffff
  and t2, s4, t1
  li t1, \mode << 60
  or t2, t2, t1
  csrw satp, t2
  sfence.vma
  PRINT_SATP "satp after mode \mode write"
  .endr
  LOAD "still translating: va+0 unmapped in T", VA
  csrw satp, zero
  sfence.vma
  PRINT_SATP "satp bare"
  HV_DONE

  .section .pages, "aw", @nobits
  .balign 4096
root39: .space 4096
l1a:    .space 4096
l0a:    .space 4096
rootb:  .space 4096
l1b:    .space 4096
l0b:    .space 4096
root48: .space 4096
l2x:    .space 4096
l1x:    .space 4096
l0x:    .space 4096
pt_self: .space 4096
page_a: .space 4096
page_b: .space 4096
page_c: .space 4096
page_d: .space 4096
page_e: .space 4096
page_f: .space 4096
page_g: .space 4096
page_h: .space 4096
