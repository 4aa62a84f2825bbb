/*
 * hv-csr: the S-level CSRs as an S-mode guest sees them.
 *
 * Every S CSR is written with all-ones, zero and patterns through csrrw/csrrs/csrrc and
 * csrrwi/csrrsi/csrrci, and each line prints the old value (rd) and what reads back. Bits whose
 * value the spec leaves to the implementation are masked out of the printed values:
 *   sstatus  VS (bits 10:9) is there only with the V extension (QEMU 7.2 keeps it writable
 *            even without V): masked. Every pattern that sets VS sets FS=Dirty too, so SD
 *            does not depend on VS. UXL (bits 33:32) is WARL: 2 (RV64) is the only legal
 *            value on an RV64-only hart, but QEMU 7.2 lets S-mode write any nonzero value,
 *            even the reserved 3: masked.
 *   sepc     bit 0 is always zero (IALIGN = 16), but QEMU 7.2 reads back the bit as written:
 *            masked (the spec'd value of bit 0 is 0; QEMU's is not a reference for it).
 *   sie/sip  LCOFI (bit 13) exists only with Sscofpmf (and only if M delegates it): masked.
 *   stvec    MODE >= 2 is reserved (WARL): only "the read-back mode is legal" is printed.
 *   scause   WLRL: only legal values are written.
 *   satp     ASIDLEN is 0..16 bits: the ASID field is masked. Sv57 may or may not be
 *            supported: only "unchanged or accepted" is printed.
 *   senvcfg  only FIOM (bit 0); CBIE/CBCFE/CBZE/PMM exist with their extensions.
 *   scounteren  only CY, TM, IR (bits 0-2); HPMn bits exist for implemented counters.
 * M-level CSR accesses from S must raise an illegal instruction exception (scause 2); stval is
 * then either 0 or the instruction bits, so "stval ok" prints 1 for either.
 */
#define PROG "hv-csr"
#include "hv.h"

#define SSTATUS_MASK 0x80000000000de162  /* SD MXR SUM XS FS SPP UBE SPIE SIE */
#define SEPC_MASK (~1)
#define SIE_MASK (~(1 << 13))

/* op csr with register value val: print "name: rd" and "name read: csr & mask" */
.macro OPR name, op, csr, val, mask=-1
  li t1, \val
  \op s2, \csr, t1
  csrr s3, \csr
  li t1, \mask
  and s2, s2, t1
  and s3, s3, t1
  PRINT "\name old", s2
  PRINT "\name read", s3
.endm
/* the same with an immediate form (csrrwi/csrrsi/csrrci) */
.macro OPI name, op, csr, imm, mask=-1
  \op s2, \csr, \imm
  csrr s3, \csr
  li t1, \mask
  and s2, s2, t1
  and s3, s3, t1
  PRINT "\name old", s2
  PRINT "\name read", s3
.endm
/* an access that must raise illegal instruction: scause and "stval is 0 or the insn" */
.macro ILLEGAL name, insn:vararg
  TRY \insn
  mv s2, tp
  CHECK "\name scause", s2, 2
  la t0, hv_frame
  ld t1, F_EPC(t0)
  lwu t1, 0(t1)                   /* the instruction bits */
  ld s3, F_TVAL(t0)
  sub t1, s3, t1
  seqz t1, t1
  seqz s3, s3
  or s3, s3, t1
  CHECK "\name stval ok", s3, 1
.endm
/* an access that must not trap */
.macro NOTRAP name, insn:vararg
  TRY \insn
  addi s2, tp, 1                  /* 0: no trap */
  snez s2, s2
  CHECK "\name trapped", s2, 0
.endm

HV_MAIN
  /* quiet the timer so that sip.STIP is 0 */
  li a0, -1
  SBI SBI_EXT_TIME, 0

  /* ---- sscratch: every bit read/write. (No trap may happen until it is the frame again.) */
  OPR sscratch_w1, csrrw, sscratch, -1
  OPR sscratch_w0, csrrw, sscratch, 0
  OPR sscratch_wp, csrrw, sscratch, 0x0123456789abcdef
  OPR sscratch_s, csrrs, sscratch, 0xff000000000000f0
  OPR sscratch_c, csrrc, sscratch, 0x00ff00000000ff0f
  OPR sscratch_s0, csrrs, sscratch, 0
  OPI sscratch_wi, csrrwi, sscratch, 0x15
  OPI sscratch_si, csrrsi, sscratch, 0x0a
  OPI sscratch_ci, csrrci, sscratch, 0x03
  OPI sscratch_ci0, csrrci, sscratch, 0
  csrr s2, sscratch
  CHECK "sscratch final", s2, 0x1c
  la t0, hv_frame
  csrw sscratch, t0

  /* ---- sstatus (sie is 0, so setting SIE delivers nothing) */
  csrr s10, sstatus
  OPR sstatus_w1, csrrw, sstatus, -1, SSTATUS_MASK
  OPR sstatus_w0, csrrw, sstatus, 0, SSTATUS_MASK
  OPR sstatus_fs1, csrrw, sstatus, 0x2000, SSTATUS_MASK
  OPR sstatus_fs2, csrrw, sstatus, 0x4000, SSTATUS_MASK
  OPR sstatus_s, csrrs, sstatus, 0xc0122, SSTATUS_MASK
  OPR sstatus_c, csrrc, sstatus, 0x40102, SSTATUS_MASK
  OPI sstatus_si, csrrsi, sstatus, 2, SSTATUS_MASK
  OPI sstatus_ci, csrrci, sstatus, 2, SSTATUS_MASK
  OPI sstatus_wi, csrrwi, sstatus, 0x1f, SSTATUS_MASK
  csrw sstatus, s10

  /* ---- sie */
  OPR sie_w1, csrrw, sie, -1, SIE_MASK
  OPR sie_w0, csrrw, sie, 0, SIE_MASK
  OPR sie_s, csrrs, sie, 0x222, SIE_MASK
  OPR sie_c, csrrc, sie, 0x020, SIE_MASK
  OPI sie_wi, csrrwi, sie, 0x1f, SIE_MASK
  OPI sie_si, csrrsi, sie, 0x10, SIE_MASK
  OPI sie_ci, csrrci, sie, 0x02, SIE_MASK
  csrw sie, zero

  /* ---- sip: only SSIP is writable from S (STIP, SEIP are read-only here) */
  csrr s2, sip
  li t1, SIE_MASK
  and s2, s2, t1
  PRINT "sip initial", s2
  OPR sip_w1, csrrw, sip, -1, SIE_MASK
  OPR sip_w0, csrrw, sip, 0, SIE_MASK
  OPR sip_s, csrrs, sip, 0x222, SIE_MASK
  OPR sip_c, csrrc, sip, 0x222, SIE_MASK
  OPI sip_wi, csrrwi, sip, 0x1f, SIE_MASK
  OPI sip_ci, csrrci, sip, 0x1f, SIE_MASK
  OPI sip_si, csrrsi, sip, 0x02, SIE_MASK
  csrw sip, zero
  csrr s2, sip
  li t1, SIE_MASK
  and s2, s2, t1
  CHECK "sip final", s2, 0

  /* ---- stvec: direct and vectored modes hold any (aligned) base */
  la s4, hv_trap_direct
  la s5, hv_vectors
  csrrw s2, stvec, s4
  sub s2, s2, s4
  CHECK "stvec initial is ours", s2, 0
  addi s6, s5, 1
  csrw stvec, s6
  csrr s2, stvec
  sub s2, s2, s6
  CHECK "stvec vectored read ok", s2, 0
  li t1, 0x80201000
  csrw stvec, t1
  csrr s2, stvec
  PRINT "stvec 0x80201000 read", s2
  li t1, 0x80201001
  csrw stvec, t1
  csrr s2, stvec
  PRINT "stvec 0x80201001 read", s2
  csrrci s2, stvec, 1
  csrr s3, stvec
  PRINT "stvec ci old", s2
  PRINT "stvec ci read", s3
  li t1, 0x80201002               /* reserved mode 2: WARL, anything legal may read back */
  csrw stvec, t1
  csrr s2, stvec
  andi s2, s2, 3
  sltiu s2, s2, 2
  CHECK "stvec mode 2 reads legal", s2, 1
  li t1, -1
  csrw stvec, t1
  csrr s2, stvec
  andi s2, s2, 3
  sltiu s2, s2, 2
  CHECK "stvec all-ones reads legal", s2, 1
  csrw stvec, s4

  /* ---- sepc: bit 0 is always 0 (IALIGN = 16 with C), but masked (see above) */
  OPR sepc_w1, csrrw, sepc, -1, SEPC_MASK
  OPR sepc_w0, csrrw, sepc, 0, SEPC_MASK
  OPR sepc_odd, csrrw, sepc, 0x80200001, SEPC_MASK
  OPR sepc_half, csrrw, sepc, 0x80200002, SEPC_MASK
  OPR sepc_s, csrrs, sepc, 0xff00000000000005, SEPC_MASK
  OPR sepc_c, csrrc, sepc, 0x0f00000000000002, SEPC_MASK
  OPI sepc_wi, csrrwi, sepc, 0x1f, SEPC_MASK
  OPI sepc_si, csrrsi, sepc, 0x03, SEPC_MASK
  OPI sepc_ci, csrrci, sepc, 0x0c, SEPC_MASK

  /* ---- scause: WLRL, so only legal values */
  OPR scause_irq5, csrrw, scause, 0x8000000000000005
  OPR scause_irq9, csrrw, scause, 0x8000000000000009
  OPR scause_exc13, csrrw, scause, 13
  OPI scause_wi, csrrwi, scause, 8
  OPI scause_si, csrrsi, scause, 7
  OPI scause_ci, csrrci, scause, 4
  OPR scause_c, csrrc, scause, 0xff

  /* ---- stval: holds any valid address (all-ones is a valid Sv39 address) */
  OPR stval_w1, csrrw, stval, -1
  OPR stval_w0, csrrw, stval, 0
  OPR stval_wp, csrrw, stval, 0x0000003fdeadbee8
  OPR stval_s, csrrs, stval, 0xffffffc000000007
  OPR stval_c, csrrc, stval, 0xffffffc000000001
  OPI stval_wi, csrrwi, stval, 0x11
  OPI stval_si, csrrsi, stval, 0x0e
  OPI stval_ci, csrrci, stval, 0x13

  /* ---- senvcfg: FIOM only */
  OPR senvcfg_w1, csrrw, CSR_SENVCFG, -1, 1
  OPR senvcfg_w0, csrrw, CSR_SENVCFG, 0, 1
  OPI senvcfg_si, csrrsi, CSR_SENVCFG, 1, 1
  OPI senvcfg_ci, csrrci, CSR_SENVCFG, 1, 1

  /* ---- scounteren: CY, TM, IR */
  OPR scounteren_w1, csrrw, scounteren, -1, 7
  OPR scounteren_w0, csrrw, scounteren, 0, 7
  OPI scounteren_wi, csrrwi, scounteren, 5, 7
  OPI scounteren_si, csrrsi, scounteren, 2, 7
  OPI scounteren_ci, csrrci, scounteren, 4, 7
  csrw scounteren, zero

  /* ---- satp. T is one table that identity-maps 0x8000_0000 (1 GiB) for every mode:
     T[2] is a gigapage leaf, T[0] points back at T (an Sv48/Sv57 walk of a VA below 2^39
     goes T[0] -> T ... -> T[2]). */
  la s4, pt_self
  li t1, 0x80000000 >> 2
  ori t1, t1, PTE_RWX_AD
  sd t1, 16(s4)
  srli s5, s4, 12                 /* PPN(T) */
  slli t1, s5, 10
  ori t1, t1, PTE_V
  sd t1, 0(s4)
  li s6, SATP_ASID_MASK
  not s6, s6                      /* print mask: all but the ASID */
  csrr s2, satp
  CHECK "satp initial", s2, 0
  li t1, SATP_SV39
  or t1, t1, s5
  csrw satp, t1
  sfence.vma
  csrr s2, satp
  and s2, s2, s6
  PRINT "satp sv39 read", s2
  li t1, SATP_SV48
  or t1, t1, s5
  csrrw s2, satp, t1
  sfence.vma
  csrr s3, satp
  and s2, s2, s6
  and s3, s3, s6
  PRINT "satp sv48 old", s2
  PRINT "satp sv48 read", s3
  li t1, SATP_SV39 | SATP_ASID_MASK   /* every ASID bit: ASIDLEN of them stick */
  or t1, t1, s5
  csrw satp, t1
  sfence.vma
  csrr s2, satp
  and s2, s2, s6
  PRINT "satp sv39 asid-ones read", s2
  li t1, SATP_SV39
  or s7, t1, s5                   /* s7: the sane value */
  csrw satp, s7
  sfence.vma
  li t1, 10 << 60                 /* Sv57: either ignored or taken (T works for it too) */
  or t1, t1, s5
  csrw satp, t1
  sfence.vma
  li t1, 10 << 60
  or t1, t1, s5
  csrr s2, satp
  and s2, s2, s6
  sub t2, s2, s7
  sub t3, s2, t1
  seqz t2, t2
  seqz t3, t3
  or s2, t2, t3
  CHECK "satp sv57 unchanged or taken", s2, 1
  csrw satp, s7
  sfence.vma
  .irp mode, 1, 7, 11, 12, 15
  li t1, \mode << 60
  or t1, t1, s5
  csrw satp, t1
  sfence.vma
  csrr s2, satp
  and s2, s2, s6
  PRINT "satp after mode \mode write", s2
  .endr
  li t1, -1
  csrw satp, t1
  sfence.vma
  csrr s2, satp
  and s2, s2, s6
  PRINT "satp after all-ones write", s2
  csrw satp, zero
  sfence.vma
  csrr s2, satp
  CHECK "satp bare", s2, 0

  /* ---- M-level CSRs and M-only instructions from S: illegal instruction */
  ILLEGAL "mstatus read", csrr s2, mstatus
  ILLEGAL "mhartid read", csrr s2, mhartid
  ILLEGAL "misa read", csrr s2, misa
  ILLEGAL "mtvec read", csrr s2, mtvec
  ILLEGAL "mip read", csrr s2, mip
  ILLEGAL "mscratch write", csrw mscratch, zero
  ILLEGAL "medeleg set", csrs medeleg, zero
  ILLEGAL "mret", mret
  ILLEGAL "cycle write", csrw cycle, zero
  ILLEGAL "time write", csrw time, zero

  /* ---- counters readable from S (M set mcounteren.CY/TM/IR, as OpenSBI does) */
  NOTRAP "cycle read", csrr s2, cycle
  NOTRAP "time read", csrr s2, time
  NOTRAP "instret read", csrr s2, instret

  HV_DONE

  .section .pages, "aw", @nobits
  .balign 4096
pt_self: .space 4096
