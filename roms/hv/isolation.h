/*
 * The 64-byte pattern of the isolation test (hv-isolation-holder fills its RAM with it,
 * hv-isolation-sweeper looks for it everywhere it can read). Neither image contains it: both
 * hold only the key below, and the pattern is the key XOR 0x5a in every byte, built at run
 * time in registers.
 */
  .pushsection .rodata
  .balign 8
iso_key: .ascii "rvisor isolation test: this line must never leak to another VM.\n"
  .popsection

/* r0..r7 := the pattern's dwords 0..7 (clobbers t0, t1) */
.macro ISO_PATTERN r0, r1, r2, r3, r4, r5, r6, r7
  la t0, iso_key
  li t1, 0x5a5a5a5a5a5a5a5a
  ld \r0, 0(t0)
  ld \r1, 8(t0)
  ld \r2, 16(t0)
  ld \r3, 24(t0)
  ld \r4, 32(t0)
  ld \r5, 40(t0)
  ld \r6, 48(t0)
  ld \r7, 56(t0)
  xor \r0, \r0, t1
  xor \r1, \r1, t1
  xor \r2, \r2, t1
  xor \r3, \r3, t1
  xor \r4, \r4, t1
  xor \r5, \r5, t1
  xor \r6, \r6, t1
  xor \r7, \r7, t1
.endm
