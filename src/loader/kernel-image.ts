// What a kernel or firmware file is, from its first bytes. QEMU's riscv virt loader tries an
// ELF, then a U-Boot uImage, then loads anything else as a raw binary at the kernel address;
// rvisor does the same for ELF, Linux Image and raw, but refuses files that cannot be code
// (machine.ts decides per mode where a raw binary goes and says so). No Node API.

// A RISC-V Linux `Image` carries "RSC\x05" at offset 0x38 (Documentation/arch/riscv/boot-image-header.rst).
export function isLinuxImage(bytes: Uint8Array): boolean {
  return bytes.length >= 64 && bytes[0x38] === 0x52 && bytes[0x39] === 0x53 && bytes[0x3a] === 0x43 && bytes[0x3b] === 0x05;
}

const starts = (b: Uint8Array, magic: number[]): boolean => b.length >= magic.length && magic.every((m, i) => b[i] === m);

// Formats that are not code as they stand: loading them raw would run their header.
const WRAPPED: [number[], string][] = [
  [[0x1f, 0x8b, 0x08], 'gzip-compressed; decompress it first (gunzip)'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz-compressed; decompress it first (unxz)'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd-compressed; decompress it first (unzstd)'],
  [[0x04, 0x22, 0x4d, 0x18], 'lz4-compressed; decompress it first (unlz4)'],
  [[0x27, 0x05, 0x19, 0x56], 'a U-Boot legacy uImage, which rvisor does not unwrap; pass the kernel inside it'],
];

// Bytes that never occur in text (the C0 controls other than tab, newlines, form feed and
// escape, and DEL). Machine code is full of them: any RISC-V instruction naming x0..x7 in its
// low register field, any small immediate, has a byte below 0x09.
function isTextByte(b: number): boolean {
  return b >= 0x20 ? b !== 0x7f : b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x1b;
}

const TEXT_PROBE = 64 * 1024; // bytes looked at

/**
 * Why `bytes` (neither an ELF nor a Linux Image) cannot run as a raw binary, or undefined when
 * it can: an empty file, a compressed or wrapped image, or text (not one byte in the first
 * 64 KiB outside printable characters and white space).
 */
export function rawRefusal(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0) return 'an empty file';
  for (const [magic, why] of WRAPPED) if (starts(bytes, magic)) return why;
  const n = Math.min(bytes.length, TEXT_PROBE);
  let text = true;
  for (let i = 0; i < n && text; i++) text = isTextByte(bytes[i]);
  if (text) return 'a text file, not a program (RISC-V code is never plain text)';
  return undefined;
}
