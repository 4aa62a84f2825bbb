/*
 * hv-isolation-sweeper: the other half of the isolation test. It looks for the holder's
 * pattern (isolation.h) everywhere it can reach, and pokes devices with garbage; a fault
 * never stops it: its trap handler skips a faulting load/store (access fault, page fault,
 * misaligned: sepc += the instruction's length) and counts it. At the end it prints
 * "SWEEP faults=<count> found=<pattern matches>", "DONE hv-isolation-sweeper", and shuts down.
 * found must be 0. faults depends on the machine's memory map and the firmware (OpenSBI's
 * PMP makes its own RAM and the CLINT fault), so comparisons mask it.
 *
 * The pattern is built in registers and never stored, so the sweeper's RAM never holds it.
 * The registers hold it in reverse order (s9 = dword 0 ... s2 = dword 7), so that a register
 * dump (e.g. by M-mode firmware saving the registers on a trap) is not a match either.
 *
 * 1. satp = 0: the first and last 64 bytes of every 4 KiB guest-physical page from 0 to 4 GiB
 *    (MMIO, RAM and beyond): 1 M pages, 2 M loads, most of them faulting (through M-mode
 *    under OpenSBI): about 2 s on QEMU 7.2, 4 s on rvisor.
 * 2. Sv39 leaf PTEs to physical addresses beyond RAM (0x9000_0000..0xC000_0000 in megapages,
 *    the gigapage at 4 GiB, single pages near 2^32, 2^40 and 2^56), and non-leaf PTEs to page
 *    tables outside RAM (the walk itself reads there); loads through all of them.
 *    (A satp whose root is outside RAM cannot be tested from S-mode: every instruction fetch
 *    would fault, the trap handler's too. The non-leaf PTEs give the walker the same reads.)
 * 3. satp writes with reserved modes (1, 7, 15 with a PPN outside RAM; all-ones): ignored,
 *    satp keeps the sane value (printed); Sv48 / Sv57 with the sane root (which serves every
 *    mode: root[0] points back at root), each followed by sfence.vma and the loads of step 2.
 * 4. Garbage writes to the PLIC (priorities, the S context's enables, threshold, claim),
 *    the UART's scratch register, every virtio-mmio slot (QueueDescLow/High, QueueReady,
 *    Status; no QueueNotify, then Status = 0 resets the device) and the CLINT (msip,
 *    mtimecmp, mtime: OpenSBI's PMP makes these fault).
 */
#define PROG "hv-isolation-sweeper"
#include "hv.h"
#include "isolation.h"

#define RAM_LO 0x80000000

/* s10 += 1 if the 64 bytes at reg are the pattern (s0 := the first such address) */
.macro CHK reg
  mv a0, \reg
  jal ra, chk
.endm
/* one store (op) of val at addr; a fault is skipped */
.macro POKE addr, val, op=sw
  li a0, \addr
  li a1, \val
  \op a1, 0(a0)
.endm
/* satp := val; sfence.vma; print satp XOR the sane value s1 without the ASID (0: the write
   was ignored); the loads of step 2 */
.macro TRY_SATP name, val
  li a0, \val
  csrw satp, a0
  sfence.vma
  csrr a1, satp
  xor a1, a1, s1
  li t0, SATP_ASID_MASK
  not t0, t0
  and a1, a1, t0
  PRINT "\name", a1
  jal ra, reads
.endm
/* satp := mode | PPN(root); sfence.vma; the loads of step 2 */
.macro MODE_SATP mode
  li t0, 0x0fffffffffffffff
  and a0, s1, t0
  li t0, \mode << 60
  or a0, a0, t0
  csrw satp, a0
  sfence.vma
  jal ra, reads
.endm

HV_MAIN
  ISO_PATTERN s9, s8, s7, s6, s5, s4, s3, s2
  li s10, 0                      /* matches */
  li s11, 0                      /* faults (the handler counts) */
  li s0, 0                       /* first match */
  la t0, sweep_trap
  csrw stvec, t0
#ifdef SWEEP_SELFTEST
  /* a self-test of the search (build with -DSWEEP_SELFTEST): put the pattern into one page of
     RAM; every phase must then report 2 matches (its first and last 64 bytes, found in
     phase 1) */
  li a0, 0x80800000
  li a1, 0x80801000
0: sd s9, 0(a0)
  sd s8, 8(a0)
  sd s7, 16(a0)
  sd s6, 24(a0)
  sd s5, 32(a0)
  sd s4, 40(a0)
  sd s3, 48(a0)
  sd s2, 56(a0)
  addi a0, a0, 64
  bltu a0, a1, 0b
#endif

  /* ---- 1. guest-physical sweep, satp = 0 */
  li s1, 0
  li a2, 0x100000000
1: CHK s1
  li t1, 4096 - 64
  add t1, s1, t1
  CHK t1
  li t1, 4096
  add s1, s1, t1
  bltu s1, a2, 1b
  PRINT "found after phase 1", s10

  /* ---- 2. page tables to beyond RAM */
  la a0, root
  srli t0, a0, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 0(a0)                   /* root[0] -> root (for Sv48 / Sv57) */
  li t0, (RAM_LO >> 2) | PTE_RWX_AD
  sd t0, 16(a0)                  /* root[2]: identity gigapage (the program) */
  la a1, l1
  srli t0, a1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 24(a0)                  /* root[3] -> l1: VA 0xC000_0000 + i * 2 MiB */
  li t0, (0x90000000 >> 2) | PTE_RWX_AD
  li t1, 0x200000 >> 2
  li t2, 384                     /* 0x9000_0000..0xC000_0000 */
3: sd t0, 0(a1)
  add t0, t0, t1
  addi a1, a1, 8
  addi t2, t2, -1
  bnez t2, 3b
  li t0, (0x100000000 >> 2) | PTE_RWX_AD
  sd t0, 32(a0)                  /* root[4]: gigapage at PA 4 GiB */
  la a1, l1b
  srli t0, a1, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 40(a0)                  /* root[5] -> l1b -> l0: single pages */
  la a2, l0
  srli t0, a2, 12
  slli t0, t0, 10
  ori t0, t0, PTE_V
  sd t0, 0(a1)
  la t3, far_pages
  li t2, 6
4: ld t0, 0(t3)
  srli t0, t0, 2
  ori t0, t0, PTE_RWX_AD
  sd t0, 0(a2)
  addi t3, t3, 8
  addi a2, a2, 8
  addi t2, t2, -1
  bnez t2, 4b
  li t0, (0x90000000 >> 2) | PTE_V
  sd t0, 48(a0)                  /* root[6]: non-leaf, table at 0x9000_0000 */
  li t0, (0x100000000 >> 2) | PTE_V
  sd t0, 56(a0)                  /* root[7]: non-leaf, table at 4 GiB */
  li t0, (0x40000000 >> 2) | PTE_V
  sd t0, 64(a0)                  /* root[8]: non-leaf, table in the PCIe window */
  li t0, (0xfffffff000 >> 2) | PTE_V
  sd t0, 72(a0)                  /* root[9]: non-leaf, table at 2^40 - 4 KiB */
  srli s1, a0, 12
  li t0, SATP_SV39
  or s1, s1, t0                  /* s1: the sane satp */
  csrw satp, s1
  sfence.vma
  jal ra, reads
  PRINT "found after phase 2", s10

  /* ---- 3. satp writes: reserved modes are ignored; Sv48 / Sv57 work with the same root */
  TRY_SATP "satp ^ sane after mode 1 with PPN 0x90000", (1 << 60) | 0x90000
  TRY_SATP "satp ^ sane after mode 7 with PPN 0x100000", (7 << 60) | 0x100000
  TRY_SATP "satp ^ sane after mode 15 with PPN 0x1000", (15 << 60) | 0x1000
  TRY_SATP "satp ^ sane after all-ones", -1
  MODE_SATP 9                    /* Sv48 */
  MODE_SATP 10                   /* Sv57: taken or ignored, both work */
  MODE_SATP 8
  csrw satp, zero
  sfence.vma
  PRINT "found after phase 3", s10

  /* ---- 4. garbage to devices */
  li t2, 1
5: slli a0, t2, 2                /* PLIC priorities of sources 1..63 */
  li t0, 0x0c000000
  add a0, a0, t0
  li a1, 0xffffffff
  sw a1, 0(a0)
  addi t2, t2, 1
  li t0, 64
  bltu t2, t0, 5b
  POKE 0x0c002080, 0xffffffff    /* context 1 (S) enables */
  POKE 0x0c002084, 0xffffffff
  POKE 0x0c201000, 0             /* context 1 threshold */
  POKE 0x0c201004, 0x3f          /* context 1 complete */
  POKE 0x0c201004, 0xdeadbeef
  POKE 0x0cfffffc, 0xdeadbeef
  POKE 0x0c002080, 0             /* enables off again */
  POKE 0x0c002084, 0
  POKE 0x10000007, 0x5a, sb      /* UART scratch */
  li t2, 0x10001000
6: li a1, 0xdeadbeef
  sw zero, 0x030(t2)             /* QueueSel */
  sw a1, 0x080(t2)               /* QueueDescLow */
  sw a1, 0x084(t2)               /* QueueDescHigh */
  li a1, 1
  sw a1, 0x044(t2)               /* QueueReady */
  li a1, 0xff
  sw a1, 0x070(t2)               /* Status */
  sw zero, 0x070(t2)             /* Status = 0: reset */
  li t0, 0x1000
  add t2, t2, t0
  li t0, 0x10009000
  bltu t2, t0, 6b
  POKE 0x02000000, 1             /* CLINT msip */
  POKE 0x02004000, 0, sd         /* mtimecmp */
  POKE 0x0200bff8, 0, sd         /* mtime */
  POKE 0x02000000, 0

  la t0, hv_trap_direct          /* no trap is expected from here on */
  csrw stvec, t0
  beqz s10, 7f
  PRINT "first match at", s0
7: la a0, sweep_str
  call hv_puts
  mv a0, s11
  call hv_puthex
  la a0, found_str
  call hv_puts
  mv a0, s10
  call hv_puthex
  li a0, '\n'
  call hv_putc
  HV_DONE

/* the loads of step 2: every 64 KiB of the megapages (VA 0xC000_0000..), every MiB of the
   4 GiB gigapage (VA 0x1_0000_0000..), the single pages (VA 0x1_4000_0000..), a few lines
   through each non-leaf PTE (VA 0x1_8000_0000, 0x1_C000_0000, 0x2_0000_0000, 0x2_4000_0000) */
reads:
  mv a5, ra
  li a2, 0xc0000000
  li a3, 0xc0000000 + 384 * 0x200000
1: CHK a2
  li t0, 0x10000
  add a2, a2, t0
  bltu a2, a3, 1b
  li a2, 0x100000000
  li a3, 0x140000000
2: CHK a2
  li t0, 0x100000
  add a2, a2, t0
  bltu a2, a3, 2b
  li a2, 0x140000000
  li a3, 0x140006000
3: CHK a2
  li t0, 4096 - 64
  add a0, a2, t0
  jal ra, chk
  li t0, 0x1000
  add a2, a2, t0
  bltu a2, a3, 3b
  li a4, 0x180000000
  li a3, 0x280000000
4: mv a2, a4
  CHK a2
  li t0, 0x12345040
  add a2, a4, t0
  CHK a2
  li t0, 0x40000000
  add a4, a4, t0
  bltu a4, a3, 4b
  mv ra, a5
  ret

/* chk(a0): compare the 64 bytes at a0 with the pattern (s9 .. s2); clobbers t0 */
chk:
  li t0, 0                       /* a faulting load leaves 0: never a pattern dword */
  ld t0, 0(a0)
  bne t0, s9, 1f
  ld t0, 8(a0)
  bne t0, s8, 1f
  ld t0, 16(a0)
  bne t0, s7, 1f
  ld t0, 24(a0)
  bne t0, s6, 1f
  ld t0, 32(a0)
  bne t0, s5, 1f
  ld t0, 40(a0)
  bne t0, s4, 1f
  ld t0, 48(a0)
  bne t0, s3, 1f
  ld t0, 56(a0)
  bne t0, s2, 1f
  bnez s10, 2f
  mv s0, a0
2: addi s10, s10, 1
1: ret

/* The sweeper's trap handler: uses only t5, t6. A load/store exception (misaligned, access
   fault, page fault: causes 4-7, 13, 15) skips the instruction and counts it in s11;
   anything else goes to the runtime's handler, which reports it and stops. */
  .balign 4
sweep_trap:
  csrr t6, scause
  bltz t6, 9f
  li t5, 0xa0f0
  srl t5, t5, t6
  andi t5, t5, 1
  beqz t5, 9f
  addi s11, s11, 1
  csrr t6, sepc
  lhu t5, 0(t6)
  addi t6, t6, 2
  andi t5, t5, 3
  addi t5, t5, -3
  bnez t5, 1f
  addi t6, t6, 2
1: csrw sepc, t6
  sret
9: j hv_trap_direct

  .section .rodata
  .balign 8
far_pages:                       /* VA 0x1_4000_0000 + i * 4 KiB -> these PAs */
  .dword 0x88000000, 0x84000000, 0xfffff000, 0xfffffff000, 0xfffffffffff000, 0x0
sweep_str: .asciz "SWEEP faults="
found_str: .asciz " found="

  .section .pages, "aw", @nobits
  .balign 4096
root: .space 4096
l1:   .space 4096
l1b:  .space 4096
l0:   .space 4096
