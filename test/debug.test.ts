// The core's debug mechanism (assembly/debug.ts) and the gdb stub's protocol, without gdb:
// the exact single step (straight-line code, jumps, traps, an MMIO store), debugger breakpoints
// and watchpoints on code and data the TLBs and the decode cache had already seen, triggers that
// stay with their hart when harts share the TLBs, and the stub's packets (checksums, the target
// description, registers, memory, Z/z, continue, step, Ctrl-C).
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Machine } from '../src/machine/machine';
import { MachineTarget, type StopReason } from '../src/debug/target';
import { GdbStub } from '../src/debug/gdb-stub';
import * as A from '../assembly/abi';
import { assembleWords } from './support/guest-build';
import { parseCommandLine, UsageError } from '../src/cli/args';

const BASE = 0x8000_0000n;
const DATA = 0x8000_8000n; // a data page apart from the code
const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));

describe('debug table and single step (core)', () => {
  let m: Machine;
  let t: MachineTarget;
  let out = '';
  const stops: StopReason[] = [];

  beforeAll(async () => {
    m = await Machine.create(wasm, { memSize: 16 << 20, harts: 2, console: (b) => { out += Buffer.from(b).toString(); }, warn: () => {} });
    t = new MachineTarget(m);
    t.onStop = (r) => stops.push(r);
  });

  // Puts `lines` at the start of RAM; both harts start there in M-mode (a0 = hart id).
  function load(lines: string[]): void {
    t.clearPoints();
    m.reset();
    m.writeRam(0, new Uint8Array(new Uint32Array(assembleWords(lines)).buffer));
    m.writeRam(Number(DATA - BASE), new Uint8Array(64));
    stops.length = 0;
  }
  // Runs the loaded hart h for up to `n` instructions; returns the exit code.
  function run(h: number, n = 10_000): number {
    m.switchTo(h);
    return m.core.exports.run(n);
  }
  const x = (h: number, r: number) => t.readRegister(h, r)!;
  const pc = (h: number) => t.readRegister(h, 32)!;
  const instret = (h: number) => m.hartView(h).getBigUint64(A.HART_INSTRET - A.HART_BASE, true);

  it('steps exactly one instruction of straight-line code, a jump, a page end and a branch', () => {
    load(['addi x1, x1, 1', 'addi x1, x1, 1', 'addi x1, x1, 1', 'jal x5, 1f', 'addi x1, x1, 100', '1: addi x1, x1, 1',
      `li x2, ${0x8000_1000 - 4}`, 'jr x2']);
    for (let i = 1; i <= 3; i++) {
      expect(t.step(0)).toEqual({ kind: 'signal', hart: 0, signal: 5 });
      expect(x(0, 1)).toBe(BigInt(i));
      expect(pc(0)).toBe(BASE + BigInt(4 * i));
      expect(instret(0)).toBe(BigInt(i));
    }
    t.step(0); // jal over the addi 100
    expect(pc(0)).toBe(BASE + 20n);
    expect(x(0, 5)).toBe(BASE + 16n);
    t.step(0);
    expect(x(0, 1)).toBe(4n);
    // to the last word of the page, then across its end into the (zeroed, illegal) next page
    m.writeRam(0xffc, new Uint8Array(new Uint32Array(assembleWords(['addi x1, x1, 1'])).buffer));
    for (let i = 0; i < 20 && pc(0) !== BASE + 0xffcn; i++) t.step(0);
    t.step(0);
    expect(x(0, 1)).toBe(5n);
    expect(pc(0)).toBe(BASE + 0x1000n);
    const before = instret(0);
    t.step(0); // an illegal instruction: the step is the trap
    expect(instret(0)).toBe(before);
    expect(t.readRegister(0, 65 + A.CSR_MCAUSE)).toBe(2n);
    expect(t.readRegister(0, 65 + A.CSR_MEPC)).toBe(BASE + 0x1000n);
  });

  it('steps an MMIO store (served, then completed) and does not take interrupts', () => {
    load(['li x2, 0x10000000', 'li x3, 0x41', 'sb x3, 0(x2)', 'addi x1, x1, 1']);
    t.step(0); t.step(0);
    out = '';
    t.step(0);
    expect(out).toBe('A');
    expect(pc(0)).toBe(BASE + 12n);
    // a pending, enabled machine software interrupt is not taken by a step
    t.writeRegister(0, 65 + A.CSR_MIE, 1n << 3n);
    t.writeRegister(0, 65 + A.CSR_MSTATUS, 1n << 3n);
    m.hartView(0).setBigUint64(A.HART_MIP_HW - A.HART_BASE, 1n << 3n, true);
    t.step(0);
    expect(x(0, 1)).toBe(1n);
    expect(pc(0)).toBe(BASE + 16n);
  });

  it('stops at a breakpoint on code already decoded, before the instruction; steps over it', () => {
    load(['1: addi x1, x1, 1', 'addi x2, x2, 1', 'addi x3, x3, 1', 'j 1b']);
    expect(run(0, 1000)).toBe(A.EXIT_BUDGET); // the page is decoded and in the fetch TLB
    const x2 = x(0, 2);
    expect(t.addPoint('hw', BASE + 4n, 4)).toBe(true);
    expect(run(0)).toBe(A.EXIT_DEBUG);
    expect(pc(0)).toBe(BASE + 4n);
    expect(x(0, 1)).toBe(x2 + 1n); // the addi x1 before it ran, the addi x2 did not
    expect(x(0, 2)).toBe(x2);
    expect(m.core.u32(A.DEBUG_HIT_KIND)).toBe(A.DEBUG_EXEC);
    expect(t.step(0).kind).toBe('signal'); // a step runs the instruction under the breakpoint
    expect(x(0, 2)).toBe(x2 + 1n);
    expect(run(0)).toBe(A.EXIT_DEBUG); // once round the loop
    expect(x(0, 2)).toBe(x2 + 1n);
    t.removePoint('hw', BASE + 4n, 4);
    expect(run(0, 1000)).toBe(A.EXIT_BUDGET);
  });

  it('stops before a watched store or load whose page the TLB held, and reports the address', () => {
    load(['1: sd x1, 8(x2)', 'ld x3, 16(x2)', 'addi x1, x1, 1', 'amoadd.d x4, x1, (x2)', 'j 1b']);
    t.writeRegister(0, 2, DATA);
    expect(run(0, 1000)).toBe(A.EXIT_BUDGET); // TLB entries for DATA's page exist now
    t.addPoint('write', DATA + 8n, 8);
    expect(run(0)).toBe(A.EXIT_DEBUG);
    expect(pc(0)).toBe(BASE); // at the sd, not run
    expect(m.core.u64(A.DEBUG_HIT_ADDR)).toBe(DATA + 8n);
    expect(t.readMemory(0, DATA + 8n, 8)).toEqual(new Uint8Array(new BigUint64Array([x(0, 1) - 1n]).buffer));
    t.clearPoints();
    t.addPoint('read', DATA + 20n, 1); // inside the ld's 8 bytes
    expect(run(0)).toBe(A.EXIT_DEBUG);
    expect(pc(0)).toBe(BASE + 4n);
    expect(m.core.u64(A.DEBUG_HIT_ADDR)).toBe(DATA + 20n);
    t.clearPoints();
    t.addPoint('access', DATA, 8); // the AMO reads and writes
    expect(run(0)).toBe(A.EXIT_DEBUG);
    expect(pc(0)).toBe(BASE + 12n);
    t.clearPoints();
    expect(run(0, 1000)).toBe(A.EXIT_BUDGET);
  });

  it('keeps triggers with their hart although harts share TLBs and decoded pages', () => {
    // hart 0 arms a load trigger (M-mode) and loops loading the word; hart 1 loops loading it
    load([
      'csrr t0, mhartid', 'bnez t0, 2f',
      `li t1, ${DATA}`, 'csrw tdata2, t1', `li t1, ${(2n << 60n) | 0x41n}`, 'csrw tdata1, t1', // M | load
      `li t1, ${BASE + 0x100n}`, 'csrw mtvec, t1',
      '1: ld x5, 0(x2)', 'j 1b',
      `2: li x2, ${DATA}`, '3: ld x5, 0(x2)', 'addi x6, x6, 1', 'j 3b',
    ]);
    m.writeRam(0x100, new Uint8Array(new Uint32Array(assembleWords(['j .'])).buffer));
    t.writeRegister(0, 2, DATA);
    expect(run(1, 500)).toBe(A.EXIT_BUDGET); // hart 1 fills the TLB for DATA
    expect(run(0, 500)).toBe(A.EXIT_BUDGET); // hart 0 arms, then its load traps
    expect(t.readRegister(0, 65 + A.CSR_MCAUSE)).toBe(3n);
    expect(pc(0)).toBe(BASE + 0x100n);
    const loops = x(1, 6);
    expect(run(1, 500)).toBe(A.EXIT_BUDGET); // hart 1 has no trigger: it goes on loading
    expect(x(1, 6)).toBeGreaterThan(loops);
    t.writeRegister(0, 32, t.readRegister(0, 65 + A.CSR_MEPC)!); // hart 0 back to its load: traps again
    t.writeRegister(0, 65 + A.CSR_MCAUSE, 0n);
    expect(run(0, 500)).toBe(A.EXIT_BUDGET);
    expect(t.readRegister(0, 65 + A.CSR_MCAUSE)).toBe(3n);
    expect(t.readRegister(0, 65 + A.CSR_TDATA1)).toBe((2n << 60n) | 0x41n);
    expect(t.readRegister(1, 65 + A.CSR_TDATA1)).toBe(2n << 60n); // hart 1's own, at reset
  });
});

// ---- the protocol ----
function packet(body: string): string {
  let cs = 0;
  for (const c of body) cs = (cs + c.charCodeAt(0)) & 0xff;
  return `$${body}#${cs.toString(16).padStart(2, '0')}`;
}

describe('gdb stub protocol', () => {
  let m: Machine;
  let stub: GdbStub;
  let sent = '';
  const enc = new TextEncoder();

  // Sends a packet and returns the reply packet's body (acks stripped), or '' if none came.
  function ask(body: string): string {
    sent = '';
    stub.receive(enc.encode(packet(body)));
    const m2 = /\$([^#]*)#[0-9a-f]{2}/.exec(sent);
    if (m2) {
      let cs = 0;
      for (const c of m2[1]) cs = (cs + c.charCodeAt(0)) & 0xff;
      expect(sent).toContain(`#${cs.toString(16).padStart(2, '0')}`);
    }
    return m2 ? m2[1] : '';
  }

  beforeAll(async () => {
    m = await Machine.create(wasm, { memSize: 16 << 20, harts: 2, console: () => {}, warn: () => {} });
    m.reset();
    m.writeRam(0, new Uint8Array(new Uint32Array(assembleWords(['1: addi x1, x1, 1', 'j 1b'])).buffer));
    stub = new GdbStub(new MachineTarget(m), (b) => { sent += Buffer.from(b).toString('latin1'); });
    stub.connected();
  });

  it('negotiates, describes the target and lists the harts as threads', () => {
    expect(ask('qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386')).toMatch(/PacketSize=[0-9a-f]+;qXfer:features:read\+;swbreak\+;hwbreak\+/);
    expect(sent.startsWith('+')).toBe(true); // acknowledged
    let xml = '';
    for (let off = 0; ; off += 0x200) {
      const r = ask(`qXfer:features:read:target.xml:${off.toString(16)},200`);
      xml += r.slice(1).replace(/}(.)/g, (_, c: string) => String.fromCharCode(c.charCodeAt(0) ^ 0x20));
      if (r[0] === 'l') break;
      expect(r[0]).toBe('m');
    }
    expect(xml).toContain('<feature name="org.gnu.gdb.riscv.cpu">');
    expect(xml).toContain('<reg name="pc" bitsize="64" regnum="32" type="code_ptr"/>');
    expect(xml).toContain('<reg name="fcsr" bitsize="32" regnum="68"');
    expect(xml).toContain(`<reg name="tdata1" bitsize="64" regnum="${65 + 0x7a1}"`);
    expect(xml.trim().endsWith('</target>')).toBe(true);
    expect(ask('qfThreadInfo')).toBe('m1,2');
    expect(ask('qsThreadInfo')).toBe('l');
    expect(ask('qAttached')).toBe('1');
    expect(ask('T2')).toBe('OK');
    expect(ask('T3')).toMatch(/^E/);
    expect(ask('?')).toBe('T05thread:1;');
    expect(ask('vMustReplyEmpty')).toBe('');
  });

  it('reads and writes registers and memory, refuses what is not there', () => {
    expect(ask('Hg2')).toBe('OK');
    expect(ask(`P1=${'2a'.padEnd(16, '0')}`)).toBe('OK');
    expect(ask('p1')).toBe('2a00000000000000');
    expect(ask('p20')).toBe('0000008000000000'); // pc of hart 1: 0x80000000
    expect(ask('g').length).toBe(33 * 16);
    expect(ask('Hg1')).toBe('OK');
    expect(ask('p1')).toBe('0000000000000000'); // hart 0's x1
    expect(ask(`p${(65 + 0xf14).toString(16)}`)).toBe('0000000000000000'); // mhartid
    expect(ask('m80000000,4')).toBe('93801000'); // addi x1, x1, 1
    expect(ask('M80000100,2:abcd')).toBe('OK');
    expect(ask('m80000100,2')).toBe('abcd');
    expect(ask('m0,4')).toMatch(/^E/); // no RAM there
    expect(ask('Z9,80000000,4')).toBe('');
  });

  it('continues to a breakpoint, steps, and stops on Ctrl-C', () => {
    expect(ask('Z0,80000004,4')).toBe('OK');
    expect(ask('vCont?')).toContain('vCont;c;C;s;S');
    expect(ask('vCont;c')).toBe(''); // the reply comes with the stop
    m.step(performance.now() + 100); // the machine's quantum: hart 0 reaches the breakpoint
    expect(sent).toMatch(/\$T05swbreak:;thread:1;#/);
    expect(ask('z0,80000004,4')).toBe('OK');
    expect(ask('vCont;s:1')).toBe('T05thread:1;');
    expect(ask('Hg1') && ask('p20')).toBe('0000008000000000'); // the j back to the start
    expect(ask('c')).toBe('');
    m.step(performance.now() + 20);
    expect(sent).toBe('+'); // the ack; no stop
    sent = '';
    stub.receive(Uint8Array.of(0x03));
    expect(sent).toMatch(/^\$T02thread:[12];#/);
    expect(m.isPaused).toBe(true);
    expect(ask('D')).toBe('OK');
    expect(m.isPaused).toBe(false);
  });
});

describe('--gdb, -s and -S', () => {
  const parse = (...a: string[]) => parseCommandLine(['run', '--kernel', 'k.elf', ...a]);
  it('takes QEMU\'s spellings', () => {
    expect(parse('-s')).toMatchObject({ gdb: { host: '127.0.0.1', port: 1234 }, gdbWait: false });
    expect(parse('-s', '-S')).toMatchObject({ gdb: { host: '127.0.0.1', port: 1234 }, gdbWait: true });
    expect(parse('--gdb', 'tcp::5555')).toMatchObject({ gdb: { host: '127.0.0.1', port: 5555 } });
    expect(parse('--gdb', '0')).toMatchObject({ gdb: { host: '127.0.0.1', port: 0 } });
    expect(parse('--gdb', 'tcp:0.0.0.0:7')).toMatchObject({ gdb: { host: '0.0.0.0', port: 7 } });
    expect(parse()).toMatchObject({ gdbWait: false });
    expect((parse() as { gdb?: unknown }).gdb).toBeUndefined();
  });
  it('refuses what it cannot serve', () => {
    expect(() => parse('--gdb', 'udp::1')).toThrow(UsageError);
    expect(() => parse('--gdb', '70000')).toThrow(UsageError);
    expect(() => parse('-S')).toThrow(/-S holds the guest for gdb/);
    expect(() => parseCommandLine(['run', '--guest', 'a=k.elf', '-s'])).toThrow(/single guest/);
  });
});
