// ELF64 loader for RISC-V executables (bare-metal programs, firmware, vmlinux).
//
// Reads only what a loader needs: the file header, the PT_LOAD program headers and, when the
// file has one, the symbol table (for `tohost` / `fromhost` of riscv-tests style programs).
// Every read is bounds-checked; any malformed input throws ElfError with a one-line message,
// never anything else. No Node APIs: runs in the browser too.

export class ElfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ElfError';
  }
}

export interface ElfSegment {
  /** physical load address (p_paddr) */
  paddr: number;
  /** virtual address (p_vaddr) */
  vaddr: bigint;
  /** the bytes from the file (p_filesz of them); a view into the input, not a copy */
  fileData: Uint8Array;
  /** bytes in memory (p_memsz ≥ fileData.length); the rest is zero (bss) */
  memSize: number;
  /** p_flags: PF_X = 1, PF_W = 2, PF_R = 4 */
  flags: number;
}

export interface ElfImage {
  entry: bigint;
  /** the non-empty PT_LOAD segments, in file order */
  segments: ElfSegment[];
  /** defined symbols of .symtab by name (global and weak ones win over local ones) */
  symbols: Map<string, bigint>;
}

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

const EM_RISCV = 243;
const ET_REL = 1;
const ET_EXEC = 2;
const ET_DYN = 3;
const ET_CORE = 4;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const PN_XNUM = 0xffff;
const SHN_UNDEF = 0;
const SHN_LORESERVE = 0xff00;
const SHN_ABS = 0xfff1;
const SHN_XINDEX = 0xffff;
const STT_SECTION = 3;
const STT_FILE = 4;
const STB_LOCAL = 0;

const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;
const SYM_SIZE = 24;
const MAX_SAFE = 2n ** 53n;

/** True if the bytes start with the ELF magic (\x7fELF). */
export function isElf(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46
  );
}

/**
 * Parses a little-endian ELFCLASS64 RISC-V executable (ET_EXEC).
 * `what` names the file in error messages (a role such as 'kernel' or a file name).
 */
export function parseElf(bytes: Uint8Array, what = 'kernel'): ElfImage {
  const fail = (msg: string): never => {
    throw new ElfError(`${what}: ${msg}`);
  };
  if (!(bytes instanceof Uint8Array)) fail('not a byte array; pass the file contents as a Uint8Array');
  const size = bytes.length;
  if (!isElf(bytes)) {
    fail('not an ELF file (bad magic); pass a RISC-V ELF executable or a raw image');
  }
  if (size < EHDR_SIZE) {
    fail(`truncated ELF header (${size} of ${EHDR_SIZE} bytes); the file is cut short, copy it again`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u8 = (o: number) => dv.getUint8(o);
  const u16 = (o: number) => dv.getUint16(o, true);
  const u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => dv.getBigUint64(o, true);
  /** a u64 field that must be a file offset or size: < 2^53 */
  const num = (o: number, field: string): number => {
    const v = u64(o);
    if (v >= MAX_SAFE) fail(`${field} 0x${v.toString(16)} is out of range; the ELF file is corrupt`);
    return Number(v);
  };

  const cls = u8(4);
  if (cls === 1) fail('32-bit ELF (ELFCLASS32); rvisor runs RV64 only, build with -march=rv64… -mabi=lp64');
  if (cls !== 2) fail(`bad ELF class ${cls} (expected 2 = ELFCLASS64); the ELF file is corrupt`);
  const data = u8(5);
  if (data === 2) fail('big-endian ELF (ELFDATA2MSB); RISC-V executables are little-endian, rebuild it');
  if (data !== 1) fail(`bad ELF data encoding ${data} (expected 1 = little-endian); the ELF file is corrupt`);
  if (u8(6) !== 1) fail(`unsupported ELF version ${u8(6)} (expected 1); the ELF file is corrupt`);

  const type = u16(16);
  const machine = u16(18);
  if (machine !== EM_RISCV) {
    const known: Record<number, string> = { 3: 'x86', 62: 'x86-64', 40: 'ARM', 183: 'AArch64', 8: 'MIPS' };
    const name = known[machine] ? ` (${known[machine]})` : '';
    fail(`ELF machine ${machine}${name} is not RISC-V (243); pass an executable built for riscv64`);
  }
  if (type !== ET_EXEC) {
    if (type === ET_DYN) {
      fail('ELF type ET_DYN (position-independent or shared object) is not supported; link a static ET_EXEC executable (-static, -no-pie)');
    }
    if (type === ET_REL) fail('ELF type ET_REL is an object file, not an executable; link it first (ld / gcc without -c)');
    if (type === ET_CORE) fail('ELF type ET_CORE is a core dump, not an executable; pass an ET_EXEC executable');
    fail(`unsupported ELF type ${type}; only ET_EXEC executables can be loaded`);
  }
  const entry = u64(24);
  const phoff = num(32, 'program header offset (e_phoff)');
  const shoff = num(40, 'section header offset (e_shoff)');
  const phentsize = u16(54);
  let phnum = u16(56);
  const shentsize = u16(58);
  let shnum = u16(60);

  // Section header 0 carries the extended counts (ELF gABI "extended numbering").
  const haveSections = shoff !== 0;
  if (haveSections) {
    if (shentsize < SHDR_SIZE) fail(`section header size ${shentsize} is smaller than ${SHDR_SIZE}; the ELF file is corrupt`);
    if (shoff + SHDR_SIZE > size) fail(`section headers at 0x${shoff.toString(16)} lie past the end of the file (${size} bytes); the file is truncated`);
    if (shnum === 0) shnum = num(shoff + 32, 'section count (sh_size of section 0)');
    if (phnum === PN_XNUM) phnum = u32(shoff + 44);
  } else if (phnum === PN_XNUM) {
    fail('program header count is extended (PN_XNUM) but there are no section headers; the ELF file is corrupt');
  }

  // ---- program headers ----
  if (phnum === 0) fail('no program headers (nothing to load); link an executable, not an object file');
  if (phentsize < PHDR_SIZE) fail(`program header size ${phentsize} is smaller than ${PHDR_SIZE}; the ELF file is corrupt`);
  if (phoff + phnum * phentsize > size) {
    fail(`program headers (${phnum} at 0x${phoff.toString(16)}) lie past the end of the file (${size} bytes); the file is truncated`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (u32(p) !== PT_LOAD) continue;
    const flags = u32(p + 4);
    const offset = u64(p + 8);
    const vaddr = u64(p + 16);
    const paddr = u64(p + 24);
    const filesz = u64(p + 32);
    const memsz = u64(p + 40);
    const seg = `segment ${i}`;
    if (filesz > memsz) {
      fail(`${seg}: file size 0x${filesz.toString(16)} exceeds memory size 0x${memsz.toString(16)}; the ELF file is corrupt`);
    }
    if (memsz === 0n) continue;
    if (offset + filesz > BigInt(size)) {
      fail(`${seg}: data at 0x${offset.toString(16)}+0x${filesz.toString(16)} lies past the end of the file (${size} bytes); the file is truncated`);
    }
    if (paddr + memsz > MAX_SAFE) {
      fail(`${seg}: physical address 0x${paddr.toString(16)}+0x${memsz.toString(16)} is beyond 2^53; link it at a physical address inside RAM`);
    }
    const off = Number(offset);
    segments.push({
      paddr: Number(paddr),
      vaddr,
      fileData: bytes.subarray(off, off + Number(filesz)),
      memSize: Number(memsz),
      flags,
    });
  }
  if (segments.length === 0) fail('no loadable (PT_LOAD) segments; link an executable with code in it');
  const sorted = segments.map((s, i) => ({ s, i })).sort((a, b) => a.s.paddr - b.s.paddr);
  for (let k = 1; k < sorted.length; k++) {
    const a = sorted[k - 1].s;
    const b = sorted[k].s;
    if (a.paddr + a.memSize > b.paddr) {
      fail(
        `PT_LOAD segments overlap in physical memory (0x${a.paddr.toString(16)}+0x${a.memSize.toString(16)} and 0x${b.paddr.toString(16)}+0x${b.memSize.toString(16)}); the ELF file is corrupt or mislinked`,
      );
    }
  }

  // ---- symbols ----
  const symbols = new Map<string, bigint>();
  if (haveSections && shnum > 0) {
    if (shoff + shnum * shentsize > size) {
      fail(`section headers (${shnum} at 0x${shoff.toString(16)}) lie past the end of the file (${size} bytes); the file is truncated`);
    }
    const sh = (i: number) => shoff + i * shentsize;
    let symtab = -1;
    for (let i = 0; i < shnum && symtab < 0; i++) if (u32(sh(i) + 4) === SHT_SYMTAB) symtab = i; // the gABI allows one
    if (symtab >= 0) {
      const h = sh(symtab);
      const off = num(h + 24, '.symtab offset');
      const sz = num(h + 32, '.symtab size');
      const link = u32(h + 40);
      const entsize = num(h + 56, '.symtab entry size') || SYM_SIZE;
      if (entsize < SYM_SIZE) fail(`.symtab entry size ${entsize} is smaller than ${SYM_SIZE}; the ELF file is corrupt`);
      if (off + sz > size) fail(`.symtab at 0x${off.toString(16)}+0x${sz.toString(16)} lies past the end of the file (${size} bytes); the file is truncated`);
      if (link === 0 || link >= shnum) fail(`.symtab links to section ${link}, which does not exist; the ELF file is corrupt`);
      const s = sh(link);
      if (u32(s + 4) !== SHT_STRTAB) fail(`.symtab links to section ${link}, which is not a string table; the ELF file is corrupt`);
      const stroff = num(s + 24, '.strtab offset');
      const strsz = num(s + 32, '.strtab size');
      if (stroff + strsz > size) fail(`.strtab at 0x${stroff.toString(16)}+0x${strsz.toString(16)} lies past the end of the file (${size} bytes); the file is truncated`);
      const strtab = bytes.subarray(stroff, stroff + strsz);
      const decoder = new TextDecoder('utf-8');
      const count = Math.floor(sz / entsize);
      for (let k = 1; k < count; k++) {
        const e = off + k * entsize;
        const nameOff = u32(e);
        const info = u8(e + 4);
        const shndx = u16(e + 6);
        const stype = info & 0xf;
        const bind = info >> 4;
        if (nameOff === 0 || shndx === SHN_UNDEF || stype === STT_SECTION || stype === STT_FILE) continue;
        if (shndx >= SHN_LORESERVE && shndx !== SHN_ABS && shndx !== SHN_XINDEX) continue; // COMMON and the like
        if (nameOff >= strsz) fail(`symbol ${k} names string 0x${nameOff.toString(16)} outside .strtab (0x${strsz.toString(16)} bytes); the ELF file is corrupt`);
        let end = nameOff;
        while (end < strsz && strtab[end] !== 0) end++;
        if (end >= strsz) fail(`symbol ${k}'s name is not NUL-terminated inside .strtab; the ELF file is corrupt`);
        const name = decoder.decode(strtab.subarray(nameOff, end));
        if (bind === STB_LOCAL && symbols.has(name)) continue; // global and weak symbols win
        symbols.set(name, u64(e + 8));
      }
    }
  }

  return { entry, segments, symbols };
}
