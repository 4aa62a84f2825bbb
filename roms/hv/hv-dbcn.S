/*
 * hv-dbcn: the SBI 2.0 Debug Console extension (EID 0x4442434E "DBCN").
 *
 * QEMU's OpenSBI 1.1 implements SBI 1.0, without DBCN: there this program prints
 * "dbcn probe: 0x0" and stops, so hv-dbcn.expected is written by hand from the SBI 2.0 spec
 * (chapter "Debug Console Extension") instead of recorded from QEMU (see README.md).
 *   console_write(num_bytes, base_addr_lo, base_addr_hi) -> (0, bytes written) from a
 *     physical address (also with Sv39 on: the buffer is not translated), 0 bytes -> (0, 0),
 *     an address at or above 2^64 (base_addr_hi != 0) or outside RAM -> SBI_ERR_INVALID_PARAM
 *   console_read -> (0, 0) with no input pending; the same address rules
 *   console_write_byte -> 0
 *   an unknown function (3) -> SBI_ERR_NOT_SUPPORTED
 * Every line of this program is itself printed through DBCN console_write_byte.
 */
#define PROG "hv-dbcn"
#include "hv.h"

#define FID_WRITE 0
#define FID_READ 1
#define FID_WRITE_BYTE 2
#define PHYS_BUF 0x80600000    /* RAM outside the 2 MiB that the Sv39 test maps */

/* DBCN fid with a0..a2 (a1: the address of symbol lo, or the number lo if abs); print the
   error and (pv) the value */
.macro DBCN name, fid, n, lo, hi, want, pv=1, abs=0
  li a0, \n
  .if \abs
  li a1, \lo
  .else
  la a1, \lo
  .endif
  li a2, \hi
  SBI SBI_EXT_DBCN, \fid
  mv s2, a0
  mv s3, a1
  CHECK "\name error", s2, \want
  .if \pv
  PRINT "\name value", s3
  .endif
.endm

  .section .rodata
msg1: .ascii "dbcn console_write: a physical buffer\n"
  .set msg1_len, . - msg1
msg2: .ascii "dbcn console_write: physical under Sv39\n"
  .set msg2_len, . - msg2

HV_MAIN
  li a0, SBI_EXT_DBCN
  SBI SBI_EXT_BASE, 3
  snez s2, a1
  PRINT "dbcn probe", s2
  bnez s2, 1f
  HV_DONE
1:
  DBCN "console_write", FID_WRITE, msg1_len, msg1, 0, 0
  DBCN "console_write 0 bytes", FID_WRITE, 0, msg1, 0, 0
  DBCN "console_write base_addr_hi=1", FID_WRITE, msg1_len, msg1, 1, -3, 0
  DBCN "console_write outside RAM", FID_WRITE, 16, 0x100000000000, 0, -3, 0, 1
  DBCN "console_read (no input)", FID_READ, 16, rbuf, 0, 0
  DBCN "console_read base_addr_hi=1", FID_READ, 16, rbuf, 1, -3, 0
  li a0, 'B'
  SBI SBI_EXT_DBCN, FID_WRITE_BYTE
  mv s2, a0
  li a0, '\n'
  SBI SBI_EXT_DBCN, FID_WRITE_BYTE
  CHECK "console_write_byte 'B' error", s2, 0
  DBCN "dbcn fid 3", 3, 0, msg1, 0, -2, 0

  /* the buffer is physical: under Sv39 that maps only 0x8020_0000 (2 MiB megapage), write
     from PHYS_BUF, which no virtual address maps */
  la t0, msg2
  li t1, PHYS_BUF
  li t2, msg2_len
1: lbu t3, 0(t0)
  sb t3, 0(t1)
  addi t0, t0, 1
  addi t1, t1, 1
  addi t2, t2, -1
  bnez t2, 1b
  la t0, root
  la t1, l1
  srli t2, t1, 12
  slli t2, t2, 10
  ori t2, t2, PTE_V
  sd t2, 16(t0)                  /* root[2] -> l1 */
  li t2, (0x80200000 >> 2) | PTE_RWX_AD
  sd t2, 8(t1)                   /* l1[1] = 0x8020_0000 megapage */
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  DBCN "console_write physical under sv39", FID_WRITE, msg2_len, PHYS_BUF, 0, 0, 1, 1
  csrw satp, zero
  sfence.vma
  HV_DONE

  .section .pages, "aw", @nobits
  .balign 4096
root: .space 4096
l1: .space 4096
rbuf: .space 4096
