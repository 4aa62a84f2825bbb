// Tiny RV64 ELF executables for CLI tests: one PT_LOAD segment at 0x8000_0000 holding `code`.
export function makeElf(words: number[], paddr = 0x8000_0000n): Uint8Array {
  const code = new Uint8Array(words.length * 4);
  const cv = new DataView(code.buffer);
  words.forEach((w, i) => cv.setUint32(i * 4, w >>> 0, true));
  const EH = 64, PH = 56;
  const out = new Uint8Array(EH + PH + code.length);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 243, true); // EM_RISCV
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, paddr, true);
  dv.setBigUint64(32, BigInt(EH), true);
  dv.setUint16(52, EH, true);
  dv.setUint16(54, PH, true);
  dv.setUint16(56, 1, true);
  dv.setUint16(58, 64, true);
  dv.setUint32(EH, 1, true); // PT_LOAD
  dv.setUint32(EH + 4, 5, true); // R+X
  dv.setBigUint64(EH + 8, BigInt(EH + PH), true);
  dv.setBigUint64(EH + 16, paddr, true);
  dv.setBigUint64(EH + 24, paddr, true);
  dv.setBigUint64(EH + 32, BigInt(code.length), true);
  dv.setBigUint64(EH + 40, BigInt(code.length), true);
  dv.setBigUint64(EH + 48, 4n, true);
  out.set(code, EH + PH);
  return out;
}

// Checked with riscv64-unknown-elf-objdump.
export const LOOP = [0x0000006f]; // 1: j 1b
// Prints 'x' on the 16550 UART forever: lui t0,0x10000; li t1,'x'; 1: sb t1,0(t0); j 1b
export const FLOOD = [0x100002b7, 0x07800313, 0x00628023, 0xffdff06f];
// Echoes every byte the UART receives: lui t0,0x10000; 1: lbu t1,5(t0) (LSR); andi t1,t1,1;
// beqz t1,1b; lbu t2,0(t0) (RBR); sb t2,0(t0) (THR); j 1b
export const ECHO = [0x100002b7, 0x0052c303, 0x00137313, 0xfe030ce3, 0x0002c383, 0x00728023, 0xfedff06f];
