import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ElfError, isElf, parseElf, type ElfImage } from '../src/loader/elf';

// test/fixtures/tohost.elf was built once (the compiler is not needed to run this test) from:
//   t.S:   .section .text.init,"ax"; .globl _start
//          _start: la t0, message; li a0, 1; la t1, tohost; sd a0, 0(t1); 1: j 1b
//          .data; message: .asciz "hello"
//          .section .tohost,"aw",@progbits; .align 6; .globl tohost; tohost: .dword 0
//          .align 6; .globl fromhost; fromhost: .dword 0
//          .bss; .globl buffer; buffer: .space 4096
//   link.ld: . = 0x80000000; .text.init; .text; . = ALIGN(0x1000); .tohost; .data; .bss
//   riscv64-unknown-elf-gcc -march=rv64imac_zicsr -mabi=lp64 -nostdlib -nostartfiles -static
//     -T link.ld -Wl,--build-id=none -Wl,-z,max-page-size=16 -o tohost.elf t.S
const FIXTURE = new Uint8Array(readFileSync(fileURLToPath(new URL('./fixtures/tohost.elf', import.meta.url))));

// ---- a small ELF64 writer for hand-made inputs ----
interface SegSpec {
  type?: number;
  flags?: number;
  vaddr?: bigint;
  paddr: bigint;
  data: Uint8Array;
  memsz?: bigint;
  /** override p_offset / p_filesz (to make bad files) */
  offset?: bigint;
  filesz?: bigint;
}
interface SymSpec {
  name: string;
  value: bigint;
  bind?: number; // 0 local, 1 global, 2 weak
  type?: number; // 0 notype, 1 object, 2 func, 3 section, 4 file
  shndx?: number;
}
interface ElfSpec {
  cls?: number;
  data?: number;
  version?: number;
  type?: number;
  machine?: number;
  entry?: bigint;
  segments: SegSpec[];
  symbols?: SymSpec[];
}

function buildElf(spec: ElfSpec): Uint8Array {
  const segs = spec.segments;
  const syms = spec.symbols;
  const phoff = 64;
  let pos = phoff + segs.length * 56;
  const segOffsets: number[] = [];
  for (const s of segs) {
    pos = (pos + 7) & ~7;
    segOffsets.push(pos);
    pos += s.data.length;
  }
  // string table and symbol table
  const enc = new TextEncoder();
  const strParts: number[] = [0];
  const nameOffs: number[] = [];
  for (const s of syms ?? []) {
    nameOffs.push(strParts.length);
    strParts.push(...enc.encode(s.name), 0);
  }
  let strtabOff = 0;
  let symtabOff = 0;
  let shoff = 0;
  const symCount = (syms?.length ?? 0) + 1;
  if (syms) {
    strtabOff = pos;
    pos += strParts.length;
    pos = (pos + 7) & ~7;
    symtabOff = pos;
    pos += symCount * 24;
    pos = (pos + 7) & ~7;
    shoff = pos;
    pos += 3 * 64;
  }
  const out = new Uint8Array(pos);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, spec.cls ?? 2, spec.data ?? 1, spec.version ?? 1]);
  dv.setUint16(16, spec.type ?? 2, true);
  dv.setUint16(18, spec.machine ?? 243, true);
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, spec.entry ?? 0x80000000n, true);
  dv.setBigUint64(32, BigInt(phoff), true);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(52, 64, true);
  dv.setUint16(54, 56, true);
  dv.setUint16(56, segs.length, true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, syms ? 3 : 0, true);
  segs.forEach((s, i) => {
    const p = phoff + i * 56;
    dv.setUint32(p, s.type ?? 1, true);
    dv.setUint32(p + 4, s.flags ?? 5, true);
    dv.setBigUint64(p + 8, s.offset ?? BigInt(segOffsets[i]), true);
    dv.setBigUint64(p + 16, s.vaddr ?? s.paddr, true);
    dv.setBigUint64(p + 24, s.paddr, true);
    dv.setBigUint64(p + 32, s.filesz ?? BigInt(s.data.length), true);
    dv.setBigUint64(p + 40, s.memsz ?? BigInt(s.data.length), true);
    dv.setBigUint64(p + 48, 0x1000n, true);
    out.set(s.data, segOffsets[i]);
  });
  if (syms) {
    out.set(strParts, strtabOff);
    syms.forEach((s, i) => {
      const e = symtabOff + (i + 1) * 24;
      dv.setUint32(e, nameOffs[i], true);
      dv.setUint8(e + 4, ((s.bind ?? 1) << 4) | (s.type ?? 0));
      dv.setUint16(e + 6, s.shndx ?? 1, true);
      dv.setBigUint64(e + 8, s.value, true);
    });
    // section 1: .symtab (link 2), section 2: .strtab
    const sh1 = shoff + 64;
    dv.setUint32(sh1 + 4, 2, true);
    dv.setBigUint64(sh1 + 24, BigInt(symtabOff), true);
    dv.setBigUint64(sh1 + 32, BigInt(symCount * 24), true);
    dv.setUint32(sh1 + 40, 2, true);
    dv.setBigUint64(sh1 + 56, 24n, true);
    const sh2 = shoff + 128;
    dv.setUint32(sh2 + 4, 3, true);
    dv.setBigUint64(sh2 + 24, BigInt(strtabOff), true);
    dv.setBigUint64(sh2 + 32, BigInt(strParts.length), true);
  }
  return out;
}

const code = new Uint8Array([0x13, 0x00, 0x00, 0x00, 0x6f, 0x00, 0x00, 0x00]); // nop; j .
const okSpec = (): ElfSpec => ({
  segments: [{ paddr: 0x80000000n, data: code, flags: 5 }],
  symbols: [{ name: 'tohost', value: 0x80001000n }],
});

function errorOf(bytes: Uint8Array, what?: string): string {
  try {
    parseElf(bytes, what);
  } catch (e) {
    expect(e).toBeInstanceOf(ElfError);
    const msg = (e as Error).message;
    expect(msg).not.toContain('\n');
    return msg;
  }
  throw new Error('expected an ElfError');
}

/** Invariants every image that parseElf returns must satisfy. */
function checkImage(img: ElfImage, bytes: Uint8Array): void {
  expect(img.segments.length).toBeGreaterThan(0);
  const sorted = [...img.segments].sort((a, b) => a.paddr - b.paddr);
  let end = -1;
  for (const s of sorted) {
    expect(Number.isSafeInteger(s.paddr) && s.paddr >= 0).toBe(true);
    expect(s.memSize).toBeGreaterThan(0);
    expect(s.fileData.length).toBeLessThanOrEqual(s.memSize);
    expect(s.paddr + s.memSize).toBeLessThanOrEqual(2 ** 53);
    expect(s.fileData.buffer).toBe(bytes.buffer);
    expect(s.fileData.byteOffset + s.fileData.length).toBeLessThanOrEqual(bytes.byteOffset + bytes.length);
    expect(s.paddr).toBeGreaterThanOrEqual(end);
    end = s.paddr + s.memSize;
  }
  expect(typeof img.entry).toBe('bigint');
}

describe('parseElf on a real RISC-V executable', () => {
  it('reads entry, segments and symbols', () => {
    expect(isElf(FIXTURE)).toBe(true);
    const img = parseElf(FIXTURE);
    expect(img.entry).toBe(0x80000000n);
    expect(img.segments).toHaveLength(2);
    const [text, data] = img.segments;
    expect(text.paddr).toBe(0x80000000);
    expect(text.vaddr).toBe(0x80000000n);
    expect(text.flags).toBe(5); // R X
    expect(text.fileData.length).toBe(0x18);
    expect(text.memSize).toBe(0x18);
    expect(Array.from(text.fileData.subarray(0, 4))).toEqual([0x97, 0x12, 0x00, 0x00]); // auipc t0, 1
    expect(data.paddr).toBe(0x80001000);
    expect(data.flags).toBe(6); // R W
    expect(data.fileData.length).toBe(0x4e);
    expect(data.memSize).toBe(0x104e); // + 4 KiB of bss
    expect(new TextDecoder().decode(data.fileData.subarray(0x48, 0x4d))).toBe('hello');
    expect(img.symbols.get('tohost')).toBe(0x80001000n);
    expect(img.symbols.get('fromhost')).toBe(0x80001040n);
    expect(img.symbols.get('_start')).toBe(0x80000000n);
    expect(img.symbols.get('buffer')).toBe(0x8000104en);
    expect(img.symbols.get('message')).toBe(0x80001048n); // a local symbol
    checkImage(img, FIXTURE);
  });

  it('works on a view into a larger buffer', () => {
    const big = new Uint8Array(FIXTURE.length + 100);
    big.set(FIXTURE, 37);
    const view = big.subarray(37, 37 + FIXTURE.length);
    const img = parseElf(view);
    expect(img.symbols.get('tohost')).toBe(0x80001000n);
    expect(Array.from(img.segments[0].fileData)).toEqual(Array.from(parseElf(FIXTURE).segments[0].fileData));
    checkImage(img, view);
  });
});

describe('parseElf on hand-made files', () => {
  it('parses a minimal valid file', () => {
    const bytes = buildElf(okSpec());
    const img = parseElf(bytes);
    expect(img.entry).toBe(0x80000000n);
    expect(img.segments).toHaveLength(1);
    expect(Array.from(img.segments[0].fileData)).toEqual(Array.from(code));
    expect(img.symbols.get('tohost')).toBe(0x80001000n);
    checkImage(img, bytes);
  });

  it('works without section headers (no symbols)', () => {
    const img = parseElf(buildElf({ segments: okSpec().segments }));
    expect(img.symbols.size).toBe(0);
  });

  it('keeps bss (memsz > filesz) and skips empty and non-LOAD segments', () => {
    const img = parseElf(
      buildElf({
        segments: [
          { type: 4, paddr: 0n, data: new Uint8Array(4) }, // PT_NOTE
          { paddr: 0x80000000n, data: code },
          { paddr: 0x90000000n, data: new Uint8Array(0), memsz: 0n },
          { paddr: 0x80002000n, data: new Uint8Array(0), memsz: 0x3000n, flags: 6 },
        ],
      }),
    );
    expect(img.segments.map((s) => [s.paddr, s.fileData.length, s.memSize, s.flags])).toEqual([
      [0x80000000, 8, 8, 5],
      [0x80002000, 0, 0x3000, 6],
    ]);
  });

  it('keeps vaddr and paddr apart (a vmlinux links high and loads low)', () => {
    const img = parseElf(buildElf({ segments: [{ vaddr: 0xffffffff80000000n, paddr: 0x80200000n, data: code }] }));
    expect(img.segments[0].vaddr).toBe(0xffffffff80000000n);
    expect(img.segments[0].paddr).toBe(0x80200000);
  });

  it('prefers global symbols over local ones with the same name and skips undefined, section and file symbols', () => {
    const img = parseElf(
      buildElf({
        segments: okSpec().segments,
        symbols: [
          { name: 'x', value: 1n, bind: 0 },
          { name: 'x', value: 2n, bind: 1 },
          { name: 'y', value: 3n, bind: 1 },
          { name: 'y', value: 4n, bind: 0 },
          { name: 'undef', value: 5n, shndx: 0 },
          { name: 'sect', value: 6n, type: 3 },
          { name: 'file.c', value: 0n, type: 4, shndx: 0xfff1 },
          { name: 'abs', value: 0x1234n, shndx: 0xfff1 },
          { name: 'common', value: 8n, shndx: 0xfff2 },
        ],
      }),
    );
    expect(img.symbols.get('x')).toBe(2n);
    expect(img.symbols.get('y')).toBe(3n);
    expect(img.symbols.get('abs')).toBe(0x1234n);
    for (const n of ['undef', 'sect', 'file.c', 'common']) expect(img.symbols.has(n)).toBe(false);
  });

  it('isElf looks at the magic only', () => {
    expect(isElf(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]))).toBe(true);
    expect(isElf(new Uint8Array([0x7f, 0x45, 0x4c]))).toBe(false);
    expect(isElf(new Uint8Array([0x6f, 0x00, 0x00, 0x00, 0, 0, 0, 0]))).toBe(false);
    expect(isElf(new Uint8Array(0))).toBe(false);
  });
});

describe('parseElf rejects malformed input with ElfError', () => {
  const mod = (f: (dv: DataView, b: Uint8Array) => void, spec: ElfSpec = okSpec()) => {
    const b = buildElf(spec);
    f(new DataView(b.buffer), b);
    return b;
  };

  it('bad magic, with the name it was given', () => {
    expect(errorOf(new TextEncoder().encode('MZ this is not an ELF file at all, no no no, not at all......'), 'kernel.elf')).toBe(
      'kernel.elf: not an ELF file (bad magic); pass a RISC-V ELF executable or a raw image',
    );
    expect(errorOf(new Uint8Array(0))).toMatch(/^kernel: not an ELF file \(bad magic\)/);
  });

  it('truncated header', () => {
    expect(errorOf(FIXTURE.subarray(0, 40))).toMatch(/^kernel: truncated ELF header \(40 of 64 bytes\)/);
  });

  it('32-bit, big-endian, bad class, bad version', () => {
    expect(errorOf(buildElf({ ...okSpec(), cls: 1 }))).toMatch(/32-bit ELF \(ELFCLASS32\); rvisor runs RV64 only/);
    expect(errorOf(buildElf({ ...okSpec(), cls: 7 }))).toMatch(/bad ELF class 7/);
    expect(errorOf(buildElf({ ...okSpec(), data: 2 }))).toMatch(/big-endian ELF/);
    expect(errorOf(buildElf({ ...okSpec(), data: 0 }))).toMatch(/bad ELF data encoding 0/);
    expect(errorOf(buildElf({ ...okSpec(), version: 0 }))).toMatch(/unsupported ELF version 0/);
  });

  it('wrong machine', () => {
    expect(errorOf(buildElf({ ...okSpec(), machine: 62 }))).toBe(
      'kernel: ELF machine 62 (x86-64) is not RISC-V (243); pass an executable built for riscv64',
    );
    expect(errorOf(buildElf({ ...okSpec(), machine: 9999 }))).toMatch(/ELF machine 9999 is not RISC-V/);
  });

  it('only ET_EXEC', () => {
    expect(errorOf(buildElf({ ...okSpec(), type: 3 }))).toMatch(/ET_DYN .* not supported; link a static ET_EXEC executable/);
    expect(errorOf(buildElf({ ...okSpec(), type: 1 }))).toMatch(/ET_REL is an object file/);
    expect(errorOf(buildElf({ ...okSpec(), type: 4 }))).toMatch(/ET_CORE is a core dump/);
    expect(errorOf(buildElf({ ...okSpec(), type: 0x77 }))).toMatch(/unsupported ELF type 119; only ET_EXEC/);
  });

  it('no program headers / no loadable segments', () => {
    expect(errorOf(buildElf({ segments: [] }))).toMatch(/no program headers/);
    expect(errorOf(buildElf({ segments: [{ type: 4, paddr: 0n, data: code }] }))).toMatch(/no loadable \(PT_LOAD\) segments/);
    expect(errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: new Uint8Array(0), memsz: 0n }] }))).toMatch(
      /no loadable/,
    );
  });

  it('program headers past the end of the file or too small', () => {
    expect(errorOf(mod((dv) => dv.setBigUint64(32, 0x10000n, true)))).toMatch(/program headers \(1 at 0x10000\) lie past the end/);
    expect(errorOf(mod((dv) => dv.setBigUint64(32, 2n ** 63n, true)))).toMatch(/program header offset \(e_phoff\) 0x8000000000000000 is out of range/);
    expect(errorOf(mod((dv) => dv.setUint16(54, 32, true)))).toMatch(/program header size 32 is smaller than 56/);
    expect(errorOf(mod((dv) => dv.setUint16(56, 0xffff, true), { segments: okSpec().segments }))).toMatch(/PN_XNUM/);
  });

  it('segment data past the end of the file', () => {
    expect(errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: code, offset: 0x100000n }] }))).toMatch(
      /segment 0: data at 0x100000\+0x8 lies past the end of the file/,
    );
    expect(errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: code, filesz: 0x10000n, memsz: 0x10000n }] }))).toMatch(
      /segment 0: data at .* lies past the end of the file/,
    );
    // offset + filesz wrapping around 2^64 must not look small
    expect(
      errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: code, offset: 2n ** 64n - 4n, filesz: 8n, memsz: 8n }] })),
    ).toMatch(/lies past the end/);
  });

  it('filesz > memsz', () => {
    expect(errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: code, memsz: 4n }] }))).toMatch(
      /segment 0: file size 0x8 exceeds memory size 0x4/,
    );
  });

  it('physical address beyond 2^53', () => {
    expect(errorOf(buildElf({ segments: [{ paddr: 2n ** 53n, data: code }] }))).toMatch(/segment 0: physical address 0x20000000000000\+0x8 is beyond 2\^53/);
    expect(errorOf(buildElf({ segments: [{ paddr: 0x80000000n, data: code, memsz: 2n ** 64n - 1n }] }))).toMatch(/beyond 2\^53/);
    expect(errorOf(buildElf({ segments: [{ paddr: 0xffffffff80000000n, data: code }] }))).toMatch(/beyond 2\^53/);
  });

  it('overlapping segments', () => {
    expect(
      errorOf(
        buildElf({
          segments: [
            { paddr: 0x80001000n, data: code, memsz: 0x1000n },
            { paddr: 0x80000000n, data: code, memsz: 0x1001n },
          ],
        }),
      ),
    ).toMatch(/PT_LOAD segments overlap in physical memory \(0x80000000\+0x1001 and 0x80001000\+0x1000\)/);
    // touching is fine
    parseElf(
      buildElf({
        segments: [
          { paddr: 0x80001000n, data: code, memsz: 0x1000n },
          { paddr: 0x80000000n, data: code, memsz: 0x1000n },
        ],
      }),
    );
  });

  it('broken section headers and symbol tables', () => {
    const spec = okSpec();
    const b = buildElf(spec);
    const shoff = Number(new DataView(b.buffer).getBigUint64(40, true));
    const at = (f: (dv: DataView) => void) => mod(f, spec);
    expect(errorOf(at((dv) => dv.setBigUint64(40, 0x100000n, true)))).toMatch(/section headers at 0x100000 lie past the end/);
    expect(errorOf(at((dv) => dv.setUint16(60, 200, true)))).toMatch(/section headers \(200 at 0x[0-9a-f]+\) lie past the end/);
    expect(errorOf(at((dv) => dv.setUint16(58, 40, true)))).toMatch(/section header size 40 is smaller than 64/);
    expect(errorOf(at((dv) => dv.setUint32(shoff + 64 + 40, 7, true)))).toMatch(/\.symtab links to section 7, which does not exist/);
    expect(errorOf(at((dv) => dv.setUint32(shoff + 64 + 40, 1, true)))).toMatch(/\.symtab links to section 1, which is not a string table/);
    expect(errorOf(at((dv) => dv.setBigUint64(shoff + 64 + 24, 0xfffffn, true)))).toMatch(/\.symtab at 0xfffff\+0x30 lies past the end/);
    expect(errorOf(at((dv) => dv.setBigUint64(shoff + 64 + 56, 8n, true)))).toMatch(/\.symtab entry size 8 is smaller than 24/);
    expect(errorOf(at((dv) => dv.setBigUint64(shoff + 128 + 32, 0xffffffn, true)))).toMatch(/\.strtab at .* lies past the end/);
    const symtabOff = Number(new DataView(b.buffer).getBigUint64(shoff + 64 + 24, true));
    expect(errorOf(at((dv) => dv.setUint32(symtabOff + 24, 999, true)))).toMatch(/symbol 1 names string 0x3e7 outside \.strtab/);
    // the name runs to the end of .strtab without a NUL
    expect(
      errorOf(
        at((dv) => {
          const strtabSize = Number(dv.getBigUint64(shoff + 128 + 32, true));
          dv.setBigUint64(shoff + 128 + 32, BigInt(strtabSize - 1), true);
        }),
      ),
    ).toMatch(/symbol 1's name is not NUL-terminated/);
  });
});

describe('parseElf fuzz: a valid image or ElfError, nothing else', () => {
  // xorshift32, seeded, so failures reproduce
  function rng(seed: number) {
    let s = seed >>> 0 || 1;
    return () => {
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s;
    };
  }
  const tryParse = (bytes: Uint8Array, where: string) => {
    let img: ElfImage;
    try {
      img = parseElf(bytes);
    } catch (e) {
      if (!(e instanceof ElfError)) throw new Error(`${where}: threw ${String(e)}`);
      expect((e as Error).message.startsWith('kernel: ')).toBe(true);
      return false;
    }
    checkImage(img, bytes);
    return true;
  };

  it('every truncation of the fixture', () => {
    let ok = 0;
    for (let n = 0; n <= FIXTURE.length; n++) if (tryParse(FIXTURE.slice(0, n), `truncated to ${n}`)) ok++;
    expect(ok).toBe(1); // only the whole file: its section headers are at the end
  });

  it('random byte flips of the fixture and of a hand-made file', () => {
    const r = rng(0x5eed);
    const made = buildElf({
      segments: [
        { paddr: 0x80000000n, data: code },
        { paddr: 0x80001000n, data: code, memsz: 0x100n, flags: 6 },
      ],
      symbols: [
        { name: 'tohost', value: 0x80001000n },
        { name: 'fromhost', value: 0x80001040n },
      ],
    });
    let valid = 0;
    let invalid = 0;
    for (const base of [FIXTURE, made]) {
      for (let iter = 0; iter < 4000; iter++) {
        const b = base.slice();
        const flips = 1 + (r() % 4);
        for (let k = 0; k < flips; k++) {
          // bias half of the flips towards the headers, where they matter most
          const pos = r() % 2 ? r() % Math.min(b.length, 64 + 3 * 56) : r() % b.length;
          b[pos] = r() % 3 === 0 ? 0xff : r() & 0xff;
        }
        const cut = r() % 8 === 0 ? r() % b.length : b.length;
        if (tryParse(b.subarray(0, cut), `iteration ${iter}`)) valid++;
        else invalid++;
      }
    }
    expect(valid).toBeGreaterThan(100);
    expect(invalid).toBeGreaterThan(100);
  });

  it('random values in every header field', () => {
    const r = rng(42);
    const base = buildElf(okSpec());
    const fields = [4, 5, 6, 16, 18, 24, 32, 40, 54, 56, 58, 60, 62, 64, 68, 72, 80, 88, 96, 104];
    for (let iter = 0; iter < 5000; iter++) {
      const b = base.slice();
      const dv = new DataView(b.buffer);
      const f = fields[r() % fields.length];
      const v = BigInt(r()) << 32n | BigInt(r());
      if (f >= 24 && f % 8 === 0) dv.setBigUint64(f, r() % 2 ? v : v & 0xffffn, true);
      else if (f < 16) dv.setUint8(f, Number(v & 0xffn));
      else dv.setUint16(f, Number(v & 0xffffn), true);
      tryParse(b, `field ${f} = ${v}`);
    }
  });
});
