/*
 * hv-sbi: the SBI as an S-mode guest calls it (spec v1.0 / v2.0 semantics; a0 = error,
 * a1 = value). Implementation-specific values are not printed: the spec version only as
 * "major >= 1" (QEMU's OpenSBI 1.1 says 1.0, rvisor's trap mode 2.0), implementation id and
 * version, mvendorid / marchid / mimpid only as their error code.
 * DBCN is tested by hv-dbcn (OpenSBI 1.1, the reference here, implements SBI 1.0 without it);
 * PMU, SUSP, CPPC, NACL, STA are not probed (optional, and the trap-mode hypervisor has none).
 * Hart ids are the boot hart's own (a0 at entry: 0 on a 1-hart QEMU virt) and 7, which does
 * not exist on a 1-hart machine.
 */
#define PROG "hv-sbi"
#include "hv.h"

#define ERR_NOT_SUPPORTED -2
#define ERR_INVALID_PARAM -3
#define ERR_ALREADY_AVAILABLE -6

/* print "probe <name>: 0/1" (1: nonzero) and check the error is 0 */
.macro PROBE name, eid
  li a0, \eid
  SBI SBI_EXT_BASE, 3
  mv s2, a0
  snez s3, a1
  CHECK "probe \name error", s2, 0
  PRINT "probe \name", s3
.endm
/* call eid/fid with a0..a2 = x, y, z; CHECK the error; PRINT the value if pv is 1 */
.macro SBICALL name, eid, fid, x=0, y=0, z=0, want=0, pv=0
  li a0, \x
  li a1, \y
  li a2, \z
  SBI \eid, \fid
  mv s2, a0
  mv s3, a1
  CHECK "\name error", s2, \want
  .if \pv
  PRINT "\name value", s3
  .endif
.endm
/* s10 = hart id, s11 = 1 (a hart mask with only bit 0: base = s10) */
.macro HART_CALL name, eid, fid, mask, base, want
  mv a0, \mask
  mv a1, \base
  li a2, 0
  li a3, -1
  li a4, 0
  SBI \eid, \fid
  mv s2, a0
  CHECK "\name error", s2, \want
.endm

HV_MAIN
  la t0, hv_frame
  ld s10, F_HARTID(t0)
  li s11, 1

  /* ---- BASE */
  SBI SBI_EXT_BASE, 0
  mv s2, a0
  srli s3, a1, 24
  andi s4, s3, 0x80             /* bit 31 is reserved, 0 */
  andi s3, s3, 0x7f
  sltu s3, zero, s3             /* major >= 1 */
  CHECK "spec_version error", s2, 0
  CHECK "spec_version major >= 1", s3, 1
  CHECK "spec_version bit 31", s4, 0
  SBICALL "impl_id", SBI_EXT_BASE, 1
  SBICALL "impl_version", SBI_EXT_BASE, 2
  SBICALL "mvendorid", SBI_EXT_BASE, 4
  SBICALL "marchid", SBI_EXT_BASE, 5
  SBICALL "mimpid", SBI_EXT_BASE, 6
  SBICALL "base fid 7", SBI_EXT_BASE, 7, want=ERR_NOT_SUPPORTED
  SBICALL "base fid 0x100", SBI_EXT_BASE, 0x100, want=ERR_NOT_SUPPORTED

  PROBE BASE, SBI_EXT_BASE
  PROBE TIME, SBI_EXT_TIME
  PROBE IPI, SBI_EXT_IPI
  PROBE RFENCE, SBI_EXT_RFENCE
  PROBE HSM, SBI_EXT_HSM
  PROBE SRST, SBI_EXT_SRST
  PROBE legacy_putchar, SBI_EXT_LEGACY_PUTCHAR
  PROBE legacy_getchar, SBI_EXT_LEGACY_GETCHAR
  PROBE legacy_shutdown, SBI_EXT_LEGACY_SHUTDOWN
  PROBE unknown_0x12345678, 0x12345678
  PROBE unknown_0x0a000000, 0x0a000000    /* an experimental-range EID */
  PROBE unknown_0xffffffff, 0xffffffff    /* 64-bit EID: not the sign-extended -1 */

  /* ---- unknown extension / function */
  SBICALL "eid 0x12345678", 0x12345678, 0, want=ERR_NOT_SUPPORTED
  SBICALL "eid 0x0a000000", 0x0a000000, 0, want=ERR_NOT_SUPPORTED
  SBICALL "time fid 1", SBI_EXT_TIME, 1, want=ERR_NOT_SUPPORTED
  SBICALL "ipi fid 1", SBI_EXT_IPI, 1, want=ERR_NOT_SUPPORTED
  SBICALL "rfence fid 7", SBI_EXT_RFENCE, 7, want=ERR_NOT_SUPPORTED
  SBICALL "hsm fid 9", SBI_EXT_HSM, 9, want=ERR_NOT_SUPPORTED
  SBICALL "srst fid 1", SBI_EXT_SRST, 1, want=ERR_NOT_SUPPORTED

  /* ---- TIME */
  SBICALL "set_timer(-1)", SBI_EXT_TIME, 0, -1

  /* ---- HSM */
  mv a0, s10
  SBI SBI_EXT_HSM, 2
  mv s2, a0
  mv s3, a1
  CHECK "hart_get_status(self) error", s2, 0
  CHECK "hart_get_status(self) state", s3, 0
  SBICALL "hart_get_status(7)", SBI_EXT_HSM, 2, 7, want=ERR_INVALID_PARAM
  mv a0, s10
  la a1, _start
  li a2, 0
  SBI SBI_EXT_HSM, 0
  mv s2, a0
  CHECK "hart_start(self) error", s2, ERR_ALREADY_AVAILABLE
  la a1, _start
  li a0, 7
  li a2, 0
  SBI SBI_EXT_HSM, 0
  mv s2, a0
  CHECK "hart_start(7) error", s2, ERR_INVALID_PARAM

  /* ---- RFENCE: a0 = mask, a1 = base, a2 = start, a3 = size (-1: all), a4 = asid */
  HART_CALL "remote_fence_i", SBI_EXT_RFENCE, 0, s11, s10, 0
  HART_CALL "remote_sfence_vma", SBI_EXT_RFENCE, 1, s11, s10, 0
  HART_CALL "remote_sfence_vma_asid", SBI_EXT_RFENCE, 2, s11, s10, 0
  li s4, -1
  HART_CALL "remote_sfence_vma all harts", SBI_EXT_RFENCE, 1, zero, s4, 0
  li s4, 7
  HART_CALL "remote_sfence_vma base 7", SBI_EXT_RFENCE, 1, s11, s4, ERR_INVALID_PARAM
  li s4, 1                        /* mask bit 6 = hart base + 6: hart 7 */
  slli s5, s4, 6
  HART_CALL "remote_fence_i hart 7", SBI_EXT_RFENCE, 0, s5, s4, ERR_INVALID_PARAM

  /* ---- IPI (sie = 0: the interrupt stays pending, then is cleared) */
  li s4, 7
  HART_CALL "send_ipi base 7", SBI_EXT_IPI, 0, s11, s4, ERR_INVALID_PARAM
  li s4, 1
  slli s5, s4, 6
  HART_CALL "send_ipi hart 7", SBI_EXT_IPI, 0, s5, s4, ERR_INVALID_PARAM
  li s4, -1
  HART_CALL "send_ipi all harts", SBI_EXT_IPI, 0, zero, s4, 0
  li t1, 100000
1: csrr s2, sip
  andi s2, s2, SIP_SSIP
  bnez s2, 2f
  addi t1, t1, -1
  bnez t1, 1b
2: CHECK "send_ipi all harts: sip.SSIP", s2, SIP_SSIP
  csrci sip, SIP_SSIP
  HART_CALL "send_ipi self", SBI_EXT_IPI, 0, s11, s10, 0
  li t1, 100000
1: csrr s2, sip
  andi s2, s2, SIP_SSIP
  bnez s2, 2f
  addi t1, t1, -1
  bnez t1, 1b
2: CHECK "send_ipi self: sip.SSIP", s2, SIP_SSIP
  csrci sip, SIP_SSIP

  /* ---- SRST: reserved type / reason are rejected (a correct SBI does not reset here) */
  SBICALL "system_reset type 0x10", SBI_EXT_SRST, 0, 0x10, 0, want=ERR_INVALID_PARAM
  SBICALL "system_reset reason 2", SBI_EXT_SRST, 0, 0, 2, want=ERR_INVALID_PARAM

  /* ---- legacy console (a0 only) */
  li a0, 'L'
  SBI SBI_EXT_LEGACY_PUTCHAR, 0
  mv s2, a0
  li a0, '\n'
  SBI SBI_EXT_LEGACY_PUTCHAR, 0
  CHECK "legacy putchar 'L' result", s2, 0
  SBI SBI_EXT_LEGACY_GETCHAR, 0
  mv s2, a0
  CHECK "legacy getchar (no input)", s2, -1
  HV_DONE
