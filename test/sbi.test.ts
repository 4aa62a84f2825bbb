// The hypervisor's SBI v2.0 dispatcher against a fake guest that records every request: each
// extension and function, each error the spec's tables list, hostile register values, the legacy
// extensions' hart-mask pointers, and the statistics.
import { describe, expect, it } from 'vitest';
import {
  SBI_CONSOLE_MAX, SBI_ERR_ALREADY_AVAILABLE, SBI_ERR_ALREADY_STARTED, SBI_ERR_ALREADY_STOPPED, SBI_ERR_DENIED,
  SBI_ERR_FAILED, SBI_ERR_INVALID_ADDRESS, SBI_ERR_INVALID_PARAM, SBI_ERR_NO_SHMEM, SBI_ERR_NOT_SUPPORTED, SBI_SUCCESS, SBI_EXT_BASE, SBI_EXT_DBCN, SBI_EXT_HSM, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_SRST,
  SBI_EXT_TIME, SBI_EXTENSION_NAMES, SBI_FENCE_ALL, SBI_HSM_STATES, SBI_IMPL_ID_RVISOR, SBI_IMPL_VERSION_RVISOR,
  SBI_SPEC_VERSION, Sbi, sbiResultRegs, type FenceKind, type HartState, type ResetType, type SbiGuest,
  type SbiResult,
} from '../src/hypervisor/sbi';

const RAM = 0x8000_0000n;
const RAM_SIZE = 0x1_0000;
const M64 = (1n << 64n) - 1n;
const NEG = (v: number) => BigInt.asUintN(64, BigInt(v)); // a negative long as a register image

type Call =
  | ['startHart', number, bigint, bigint] | ['stopHart', number] | ['suspendHart', number, number, bigint, bigint]
  | ['setTimer', number, bigint] | ['sendIpi', number[]] | ['clearIpi', number]
  | ['remoteFence', FenceKind, number[], bigint, bigint, bigint | undefined] | ['reset', ResetType, number];

class FakeGuest implements SbiGuest {
  readonly calls: Call[] = [];
  readonly states: HartState[];
  readonly ram = new Uint8Array(RAM_SIZE);
  readonly reads: Array<[bigint, number]> = [];
  readonly writes: Array<[bigint, number]> = [];
  readonly consoleWrites: number[] = []; // lengths offered
  input: number[] = [];
  output: number[] = [];
  accept = Infinity; // bytes consoleWrite takes per call
  ssip = new Set<number>();
  readonly mvendorid = 0x489n;
  readonly marchid = 0x8000_0000_0000_0007n;
  readonly mimpid = 0x2018_1004n;
  readGuestVirtual?: (hart: number, va: bigint, len: number) => Uint8Array | null;

  constructor(readonly harts = 4) {
    this.states = Array.from({ length: harts }, (_, i): HartState => (i === 0 ? 'started' : 'stopped'));
  }
  hartState(hart: number): HartState {
    expect(Number.isInteger(hart) && hart >= 0 && hart < this.harts).toBe(true);
    return this.states[hart];
  }
  startHart(hart: number, startAddr: bigint, opaque: bigint): void { this.calls.push(['startHart', hart, startAddr, opaque]); }
  stopHart(hart: number): void { this.calls.push(['stopHart', hart]); }
  suspendHart(hart: number, type: number, resumeAddr: bigint, opaque: bigint): void {
    this.calls.push(['suspendHart', hart, type, resumeAddr, opaque]);
  }
  setTimer(hart: number, v: bigint): void { this.calls.push(['setTimer', hart, v]); }
  sendIpi(harts: number[]): void {
    this.calls.push(['sendIpi', harts]);
    for (const h of harts) this.ssip.add(h);
  }
  clearIpi(hart: number): boolean {
    this.calls.push(['clearIpi', hart]);
    return this.ssip.delete(hart);
  }
  remoteFence(kind: FenceKind, harts: number[], start: bigint, size: bigint, asid?: bigint): void {
    this.calls.push(['remoteFence', kind, harts, start, size, asid]);
  }
  reset(type: ResetType, reason: number): void { this.calls.push(['reset', type, reason]); }
  consoleWrite(bytes: Uint8Array): number {
    this.consoleWrites.push(bytes.length);
    const n = Math.min(bytes.length, this.accept);
    this.output.push(...bytes.subarray(0, n));
    return n;
  }
  consoleRead(max: number): Uint8Array { return Uint8Array.from(this.input.splice(0, max)); }
  private inRam(gpa: bigint, len: number): boolean {
    return gpa >= RAM && gpa + BigInt(len) <= RAM + BigInt(RAM_SIZE);
  }
  readGuestMemory(gpa: bigint, len: number): Uint8Array | null {
    this.reads.push([gpa, len]);
    if (!this.inRam(gpa, len)) return null;
    const o = Number(gpa - RAM);
    return this.ram.slice(o, o + len);
  }
  writeGuestMemory(gpa: bigint, data: Uint8Array): boolean {
    this.writes.push([gpa, data.length]);
    if (!this.inRam(gpa, data.length)) return false;
    this.ram.set(data, Number(gpa - RAM));
    return true;
  }
  poke64(gpa: bigint, v: bigint): void {
    new DataView(this.ram.buffer).setBigUint64(Number(gpa - RAM), v, true);
  }
  text(): string { return String.fromCharCode(...this.output); }
}

function setup(harts = 4, opts?: { implId?: bigint; implVersion?: bigint }) {
  const g = new FakeGuest(harts);
  const sbi = new Sbi(g, opts);
  const call = (eid: bigint, fid: bigint, args: Array<bigint | number> = [], hart = 0): SbiResult =>
    sbi.call({ eid, fid, args: args.map((v) => BigInt(v)), hart });
  return { g, sbi, call };
}

const OK = (value: bigint | number = 0n): SbiResult => ({ error: 0n, value: BigInt(value) });
const ERR = (code: number): SbiResult => ({ error: BigInt(code), value: 0n });
const LEGACY = (a0: bigint | number): SbiResult => ({ error: BigInt(a0), value: 0n, legacy: true });

describe('SBI binary encoding', () => {
  it('error codes are the spec table', () => {
    expect([SBI_SUCCESS, SBI_ERR_FAILED, SBI_ERR_NOT_SUPPORTED, SBI_ERR_INVALID_PARAM, SBI_ERR_DENIED,
      SBI_ERR_INVALID_ADDRESS, SBI_ERR_ALREADY_AVAILABLE, SBI_ERR_ALREADY_STARTED, SBI_ERR_ALREADY_STOPPED,
      SBI_ERR_NO_SHMEM]).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8, -9]);
    expect(SBI_EXT_TIME).toBe(BigInt('0x' + Buffer.from('TIME').toString('hex')));
    expect(SBI_EXT_RFENCE).toBe(BigInt('0x' + Buffer.from('RFNC').toString('hex')));
    expect(SBI_EXT_SRST).toBe(BigInt('0x' + Buffer.from('SRST').toString('hex')));
    expect(SBI_EXT_DBCN).toBe(BigInt('0x' + Buffer.from('DBCN').toString('hex')));
    expect(SBI_EXT_HSM).toBe(BigInt('0x' + Buffer.from('HSM').toString('hex')));
    expect(SBI_EXT_IPI).toBe(BigInt('0x' + Buffer.from('sPI').toString('hex')));
  });

  it('unknown extensions and functions are NOT_SUPPORTED, with no side effects', () => {
    const { g, call } = setup();
    for (const eid of [0x09n, 0x0fn, 0x11n, 0x504d55n /* PMU */, 0x5355_5350n /* SUSP */, 0x4350_5043n /* CPPC */,
      0x4e41_434cn /* NACL */, 0x53_5441n /* STA */, 0x0900_0000n /* experimental */, 0x0a00_0000n /* vendor */,
      0x0b00_0000n /* firmware */, M64, NEG(-0x7fff_ffff), SBI_EXT_BASE | (1n << 32n), SBI_EXT_TIME | (1n << 63n)]) {
      expect(call(eid, 0n), `eid ${eid.toString(16)}`).toEqual(ERR(SBI_ERR_NOT_SUPPORTED));
    }
    for (const [eid, fid] of [[SBI_EXT_BASE, 7n], [SBI_EXT_TIME, 1n], [SBI_EXT_IPI, 1n], [SBI_EXT_RFENCE, 7n],
      [SBI_EXT_HSM, 4n], [SBI_EXT_SRST, 1n], [SBI_EXT_DBCN, 3n], [SBI_EXT_BASE, 1n << 32n], [SBI_EXT_TIME, M64],
      [SBI_EXT_TIME, 1n << 32n]] as const) {
      expect(call(eid, fid, [1, 0]), `eid ${eid.toString(16)} fid ${fid}`).toEqual(ERR(SBI_ERR_NOT_SUPPORTED));
    }
    expect(g.calls).toEqual([]);
    expect(g.output).toEqual([]);
  });

  it('missing arguments read as 0 and every value is taken modulo 2^64', () => {
    const { g, call, sbi } = setup();
    expect(sbi.call({ eid: SBI_EXT_TIME, fid: 0n, args: [], hart: 0 })).toEqual(OK());
    expect(sbi.call({ eid: SBI_EXT_TIME, fid: 0n, args: [-1n], hart: 0 })).toEqual(OK());
    expect(sbi.call({ eid: SBI_EXT_TIME, fid: 0n, args: [(1n << 70n) + 5n], hart: 0 })).toEqual(OK());
    expect(sbi.call({ eid: SBI_EXT_TIME - (1n << 64n), fid: -(1n << 64n), args: [7n], hart: 0 })).toEqual(OK());
    expect(g.calls).toEqual([['setTimer', 0, 0n], ['setTimer', 0, M64], ['setTimer', 0, 5n], ['setTimer', 0, 7n]]);
    expect(call(SBI_EXT_BASE, 3n, [-1])).toEqual(OK(0)); // probe(-1)
  });

  it('sbiResultRegs: a0 and a1 as register images; legacy calls leave a1 alone', () => {
    expect(sbiResultRegs(ERR(SBI_ERR_INVALID_PARAM))).toEqual({ a0: NEG(-3), a1: 0n });
    expect(sbiResultRegs(OK(M64))).toEqual({ a0: 0n, a1: M64 });
    expect(sbiResultRegs(LEGACY(-1))).toEqual({ a0: M64 });
  });
});

describe('BASE', () => {
  it('versions and ids', () => {
    const { call } = setup();
    expect(call(SBI_EXT_BASE, 0n)).toEqual(OK(0x0200_0000));
    expect(SBI_SPEC_VERSION).toBe(0x0200_0000n);
    expect(call(SBI_EXT_BASE, 1n)).toEqual(OK(SBI_IMPL_ID_RVISOR));
    expect(call(SBI_EXT_BASE, 2n)).toEqual(OK(SBI_IMPL_VERSION_RVISOR));
    expect(call(SBI_EXT_BASE, 4n)).toEqual(OK(0x489n));
    expect(call(SBI_EXT_BASE, 5n)).toEqual(OK(0x8000_0000_0000_0007n));
    expect(call(SBI_EXT_BASE, 6n)).toEqual(OK(0x2018_1004n));
    // The base extension ignores its (unused) arguments.
    expect(call(SBI_EXT_BASE, 0n, [M64, M64, M64, M64, M64, M64])).toEqual(OK(0x0200_0000));
    const custom = setup(1, { implId: 3n, implVersion: 0x60000n });
    expect(custom.call(SBI_EXT_BASE, 1n)).toEqual(OK(3));
    expect(custom.call(SBI_EXT_BASE, 2n)).toEqual(OK(0x60000));
  });

  it('probe_extension answers 1 for every implemented extension and 0 for the rest', () => {
    const { call } = setup();
    const implemented = [0x00n, 0x01n, 0x02n, 0x03n, 0x04n, 0x05n, 0x06n, 0x07n, 0x08n, SBI_EXT_BASE, SBI_EXT_TIME,
      SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_DBCN];
    const sorted = (l: bigint[]) => [...l].sort((a, b) => (a < b ? -1 : 1));
    expect(sorted([...SBI_EXTENSION_NAMES.keys()])).toEqual(sorted(implemented));
    for (const eid of implemented) expect(call(SBI_EXT_BASE, 3n, [eid]), `eid ${eid.toString(16)}`).toEqual(OK(1));
    for (const eid of [0x09n, 0x0fn, 0x11n, 0x504d55n, 0x5355_5350n, 0x4350_5043n, 0x4e41_434cn, 0x53_5441n,
      0x4442_5452n /* DBTR */, 0x4657_4654n /* FWFT */, 0x0800_0000n, M64, SBI_EXT_BASE | (1n << 32n),
      SBI_EXT_DBCN + (1n << 63n)]) {
      expect(call(SBI_EXT_BASE, 3n, [eid]), `eid ${eid.toString(16)}`).toEqual(OK(0));
    }
  });
});

describe('TIME', () => {
  it('set_timer passes the absolute time and the calling hart', () => {
    const { g, call } = setup();
    expect(call(SBI_EXT_TIME, 0n, [123456789], 2)).toEqual(OK());
    expect(call(SBI_EXT_TIME, 0n, [M64], 3)).toEqual(OK());
    expect(g.calls).toEqual([['setTimer', 2, 123456789n], ['setTimer', 3, M64]]);
  });
});

describe('hart masks (IPI)', () => {
  it('mask bits count from hart_mask_base', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_IPI, 0n, [0b1011, 0])).toEqual(OK());
    expect(call(SBI_EXT_IPI, 0n, [0b11, 2])).toEqual(OK());
    expect(call(SBI_EXT_IPI, 0n, [0b1, 3])).toEqual(OK());
    expect(g.calls).toEqual([['sendIpi', [0, 1, 3]], ['sendIpi', [2, 3]], ['sendIpi', [3]]]);
  });

  it('hart_mask_base = -1 means every hart, whatever the mask', () => {
    const { g, call } = setup(3);
    expect(call(SBI_EXT_IPI, 0n, [0, -1])).toEqual(OK());
    expect(call(SBI_EXT_IPI, 0n, [M64, -1])).toEqual(OK());
    expect(g.calls).toEqual([['sendIpi', [0, 1, 2]], ['sendIpi', [0, 1, 2]]]);
  });

  it('an empty mask with a valid base succeeds and sends nothing', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_IPI, 0n, [0, 0])).toEqual(OK());
    expect(call(SBI_EXT_IPI, 0n, [0, 3])).toEqual(OK());
    expect(g.calls).toEqual([]);
  });

  it('an invalid base or a bit past the last hart is INVALID_PARAM and sends nothing', () => {
    const { g, call } = setup(4);
    for (const [mask, base] of [[1n, 4n], [0n, 4n], [1n, 1n << 32n], [1n, M64 - 1n], [1n << 4n, 0n], [0b11n, 3n],
      [1n << 63n, 0n], [M64, 0n], [0b1001n, 1n]]) {
      expect(call(SBI_EXT_IPI, 0n, [mask, base]), `mask ${mask} base ${base}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    }
    expect(g.calls).toEqual([]);
  });

  it('more harts than XLEN: the full window above a base', () => {
    const { g, call } = setup(100);
    expect(call(SBI_EXT_IPI, 0n, [M64, 36])).toEqual(OK());
    expect(g.calls).toEqual([['sendIpi', Array.from({ length: 64 }, (_, i) => 36 + i)]]);
    expect(call(SBI_EXT_IPI, 0n, [M64, 37])).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    expect(call(SBI_EXT_IPI, 0n, [1n << 63n, 36])).toEqual(OK());
    expect(g.calls[1]).toEqual(['sendIpi', [99]]);
  });
});

describe('RFENCE', () => {
  it('remote fence.i', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_RFENCE, 0n, [0b110, 0, 0x1234, 0x5678])).toEqual(OK());
    expect(g.calls).toEqual([['remoteFence', 'fence.i', [1, 2], 0n, SBI_FENCE_ALL, undefined]]);
  });

  it('remote sfence.vma over a range, and both whole-space encodings', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, 0x4000_0000, 0x3000])).toEqual(OK());
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, 0, 0])).toEqual(OK());
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, 0x1000, M64])).toEqual(OK());
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, M64 - 0xfffn, 0x1000])).toEqual(OK()); // ends exactly at 2^64
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, 0x5000, 0])).toEqual(OK()); // empty range: passed on
    expect(g.calls).toEqual([
      ['remoteFence', 'sfence.vma', [0], 0x4000_0000n, 0x3000n, undefined],
      ['remoteFence', 'sfence.vma', [0], 0n, SBI_FENCE_ALL, undefined],
      ['remoteFence', 'sfence.vma', [0], 0n, SBI_FENCE_ALL, undefined],
      ['remoteFence', 'sfence.vma', [0], M64 - 0xfffn, 0x1000n, undefined],
      ['remoteFence', 'sfence.vma', [0], 0x5000n, 0n, undefined],
    ]);
  });

  it('remote sfence.vma.asid passes the ASID', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_RFENCE, 2n, [0, -1, 0x8000, 0x1000, 42])).toEqual(OK());
    expect(call(SBI_EXT_RFENCE, 2n, [0b1000, 0, 0, 0, M64])).toEqual(OK());
    expect(g.calls).toEqual([
      ['remoteFence', 'sfence.vma.asid', [0, 1, 2, 3], 0x8000n, 0x1000n, 42n],
      ['remoteFence', 'sfence.vma.asid', [3], 0n, SBI_FENCE_ALL, M64],
    ]);
  });

  it('a range past the top of the address space is INVALID_ADDRESS', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, M64 - 0xfffn, 0x1001])).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    expect(call(SBI_EXT_RFENCE, 2n, [1, 0, 3, M64 - 1n, 3])).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, M64, 2])).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    expect(call(SBI_EXT_RFENCE, 1n, [1, 0, M64, 1])).toEqual(OK()); // the last byte: fine
    // fence.i has no range, so none is checked.
    expect(call(SBI_EXT_RFENCE, 0n, [1, 0, M64, M64 - 1n])).toEqual(OK());
    expect(g.calls).toHaveLength(2);
  });

  it('hart mask errors come before range errors', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_RFENCE, 1n, [1, 9, M64, 2])).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    expect(call(SBI_EXT_RFENCE, 0n, [1n << 5n, 0])).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    expect(g.calls).toEqual([]);
  });

  it('the HFENCE functions are NOT_SUPPORTED (no H extension)', () => {
    const { g, call } = setup(4);
    for (const fid of [3n, 4n, 5n, 6n]) expect(call(SBI_EXT_RFENCE, fid, [1, 0, 0, 0, 0])).toEqual(ERR(SBI_ERR_NOT_SUPPORTED));
    expect(g.calls).toEqual([]);
  });
});

describe('HSM', () => {
  it('hart_start starts a stopped hart with its address and opaque', () => {
    const { g, call } = setup(4);
    expect(call(SBI_EXT_HSM, 0n, [2, RAM + 0x200n, 0xdead_beefn])).toEqual(OK());
    expect(call(SBI_EXT_HSM, 0n, [1, RAM + BigInt(RAM_SIZE) - 2n, M64])).toEqual(OK());
    expect(g.calls).toEqual([['startHart', 2, RAM + 0x200n, 0xdead_beefn], ['startHart', 1, RAM + 0xfffen, M64]]);
  });

  it('hart_start errors: invalid hart, invalid address, already available', () => {
    const { g, call } = setup(4);
    for (const id of [4n, 5n, 1n << 32n, M64]) {
      expect(call(SBI_EXT_HSM, 0n, [id, RAM, 0]), `hart ${id}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    }
    for (const addr of [0n, RAM - 2n, RAM + BigInt(RAM_SIZE), RAM + BigInt(RAM_SIZE) - 1n, RAM + 1n, M64, 0x1000_0000n]) {
      expect(call(SBI_EXT_HSM, 0n, [1, addr, 0]), `addr ${addr.toString(16)}`).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    }
    expect(call(SBI_EXT_HSM, 0n, [0, RAM, 0])).toEqual(ERR(SBI_ERR_ALREADY_AVAILABLE)); // hart 0 runs
    for (const s of SBI_HSM_STATES.filter((s) => s !== 'stopped')) {
      g.states[3] = s;
      expect(call(SBI_EXT_HSM, 0n, [3, RAM, 0]), s).toEqual(ERR(SBI_ERR_ALREADY_AVAILABLE));
    }
    // Order: hart id, then address, then state.
    expect(call(SBI_EXT_HSM, 0n, [9, 0, 0])).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    expect(call(SBI_EXT_HSM, 0n, [0, 0, 0])).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    expect(g.calls).toEqual([]);
  });

  it('hart_stop stops the calling hart; FAILED unless it is started', () => {
    const { g, call } = setup(4);
    g.states[2] = 'started';
    expect(call(SBI_EXT_HSM, 1n, [M64, M64], 2)).toEqual(OK());
    expect(g.calls).toEqual([['stopHart', 2]]);
    g.states[2] = 'stop_pending';
    expect(call(SBI_EXT_HSM, 1n, [], 2)).toEqual(ERR(SBI_ERR_FAILED));
    expect(call(SBI_EXT_HSM, 1n, [], 7)).toEqual(ERR(SBI_ERR_FAILED)); // a caller that is no hart
    expect(call(SBI_EXT_HSM, 1n, [], -1)).toEqual(ERR(SBI_ERR_FAILED));
    expect(g.calls).toHaveLength(1);
  });

  it('hart_get_status returns the spec state ids', () => {
    const { g, call } = setup(1);
    SBI_HSM_STATES.forEach((s, id) => {
      g.states[0] = s;
      expect(call(SBI_EXT_HSM, 2n, [0]), s).toEqual(OK(id));
    });
    expect(SBI_HSM_STATES.indexOf('suspended')).toBe(4);
    for (const id of [1n, 1n << 40n, M64]) expect(call(SBI_EXT_HSM, 2n, [id])).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    expect(g.calls).toEqual([]);
  });

  it('hart_suspend: the default retentive and non-retentive types', () => {
    const { g, call } = setup(2);
    expect(call(SBI_EXT_HSM, 3n, [0, 0, 0])).toEqual(OK()); // resume_addr unused when retentive
    expect(call(SBI_EXT_HSM, 3n, [0x8000_0000, RAM + 0x40n, 77])).toEqual(OK());
    // uint32_t: only the low 32 bits count, so a sign-extended 0x80000000 is the same type.
    expect(call(SBI_EXT_HSM, 3n, [NEG(-0x8000_0000), RAM, 1])).toEqual(OK());
    expect(call(SBI_EXT_HSM, 3n, [1n << 32n, 5, 6])).toEqual(OK());
    expect(g.calls).toEqual([
      ['suspendHart', 0, 0, 0n, 0n],
      ['suspendHart', 0, 0x8000_0000, RAM + 0x40n, 77n],
      ['suspendHart', 0, 0x8000_0000, RAM, 1n],
      ['suspendHart', 0, 0, 5n, 6n],
    ]);
  });

  it('hart_suspend errors: reserved and platform types, bad resume address, caller not started', () => {
    const { g, call } = setup(2);
    for (const t of [1, 0x0fff_ffff, 0x1000_0000, 0x7fff_ffff, 0x8000_0001, 0x8fff_ffff, 0x9000_0000, 0xffff_ffff]) {
      expect(call(SBI_EXT_HSM, 3n, [t, RAM, 0]), `type ${t.toString(16)}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    }
    for (const addr of [0n, RAM + 1n, RAM + BigInt(RAM_SIZE), M64]) {
      expect(call(SBI_EXT_HSM, 3n, [0x8000_0000, addr, 0])).toEqual(ERR(SBI_ERR_INVALID_ADDRESS));
    }
    g.states[1] = 'stopped';
    expect(call(SBI_EXT_HSM, 3n, [0, 0, 0], 1)).toEqual(ERR(SBI_ERR_FAILED));
    expect(g.calls).toEqual([]);
  });
});

describe('SRST', () => {
  it('shutdown, cold and warm reboot with reason none or system failure', () => {
    const { g, call } = setup();
    expect(call(SBI_EXT_SRST, 0n, [0, 0])).toEqual(OK());
    expect(call(SBI_EXT_SRST, 0n, [1, 1])).toEqual(OK());
    expect(call(SBI_EXT_SRST, 0n, [2, 0])).toEqual(OK());
    expect(call(SBI_EXT_SRST, 0n, [(7n << 32n) | 1n, (9n << 32n) | 1n])).toEqual(OK()); // uint32_t arguments
    expect(g.calls).toEqual([['reset', 'shutdown', 0], ['reset', 'cold_reboot', 1], ['reset', 'warm_reboot', 0],
      ['reset', 'cold_reboot', 1]]);
  });

  it('reserved or unimplemented types and reasons are INVALID_PARAM', () => {
    const { g, call } = setup();
    for (const t of [3, 0xefff_ffff, 0xf000_0000, 0xffff_ffff]) {
      expect(call(SBI_EXT_SRST, 0n, [t, 0]), `type ${t.toString(16)}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    }
    for (const r of [2, 0xdfff_ffff, 0xe000_0000, 0xefff_ffff, 0xf000_0000, 0xffff_ffff]) {
      expect(call(SBI_EXT_SRST, 0n, [0, r]), `reason ${r.toString(16)}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
    }
    expect(g.calls).toEqual([]);
  });
});

describe('DBCN', () => {
  const put = (g: FakeGuest, at: bigint, s: string) => g.ram.set(Buffer.from(s), Number(at - RAM));

  it('console_write writes the buffer and returns the count', () => {
    const { g, call } = setup();
    put(g, RAM + 0x100n, 'hello, world');
    expect(call(SBI_EXT_DBCN, 0n, [5, RAM + 0x100n, 0])).toEqual(OK(5));
    expect(g.text()).toBe('hello');
  });

  it('console_write may be partial', () => {
    const { g, call } = setup();
    put(g, RAM, 'abcdef');
    g.accept = 2;
    expect(call(SBI_EXT_DBCN, 0n, [6, RAM, 0])).toEqual(OK(2));
    expect(g.text()).toBe('ab');
  });

  it('console_write moves at most SBI_CONSOLE_MAX bytes per call', () => {
    const { g, call } = setup();
    expect(call(SBI_EXT_DBCN, 0n, [10_000, RAM, 0])).toEqual(OK(SBI_CONSOLE_MAX));
    expect(g.output).toHaveLength(SBI_CONSOLE_MAX);
    expect(Math.max(...g.reads.map(([, n]) => n))).toBe(SBI_CONSOLE_MAX);
  });

  it('zero bytes is a successful no-op', () => {
    const { g, call } = setup();
    expect(call(SBI_EXT_DBCN, 0n, [0, 0, 0])).toEqual(OK(0));
    expect(call(SBI_EXT_DBCN, 1n, [0, M64, 0])).toEqual(OK(0));
    expect(g.reads).toEqual([]);
  });

  it('memory that is not guest RAM is INVALID_PARAM, and nothing is written', () => {
    const { g, call } = setup();
    g.input = [1, 2, 3];
    const bad: Array<[bigint, bigint, bigint]> = [
      [4n, RAM, 1n],                        // base_addr_hi != 0: above 2^64
      [4n, RAM, M64],
      [4n, 0x1000_0000n, 0n],               // MMIO
      [4n, RAM - 2n, 0n],                   // straddles the start of RAM
      [4n, RAM + BigInt(RAM_SIZE) - 2n, 0n], // runs off the end
      [BigInt(RAM_SIZE) + 1n, RAM, 0n],     // longer than RAM
      [1n << 63n, RAM, 0n],                 // huge
      [M64, RAM, 0n],                       // wraps past 2^64
      [2n, M64, 0n],
    ];
    for (const fid of [0n, 1n]) {
      for (const [n, lo, hi] of bad) {
        expect(call(SBI_EXT_DBCN, fid, [n, lo, hi]), `fid ${fid} n ${n} lo ${lo.toString(16)}`).toEqual(ERR(SBI_ERR_INVALID_PARAM));
      }
    }
    expect(g.output).toEqual([]);
    expect(g.input).toEqual([1, 2, 3]); // console_read consumed nothing
    expect(g.writes).toEqual([]);
    expect(Math.max(...g.reads.map(([, n]) => n))).toBeLessThanOrEqual(SBI_CONSOLE_MAX);
  });

  it('console_read copies pending input into guest RAM', () => {
    const { g, call } = setup();
    g.input = [...Buffer.from('xyz')];
    expect(call(SBI_EXT_DBCN, 1n, [2, RAM + 0x10n, 0])).toEqual(OK(2));
    expect(Buffer.from(g.ram.subarray(0x10, 0x12)).toString()).toBe('xy');
    expect(call(SBI_EXT_DBCN, 1n, [100, RAM + 0x20n, 0])).toEqual(OK(1));
    expect(g.ram[0x20]).toBe('z'.charCodeAt(0));
    expect(call(SBI_EXT_DBCN, 1n, [100, RAM + 0x20n, 0])).toEqual(OK(0)); // nothing pending
    expect(g.writes).toEqual([[RAM + 0x10n, 2], [RAM + 0x20n, 1]]);
  });

  it('console_read takes at most SBI_CONSOLE_MAX bytes, even from a console that offers more', () => {
    const { g, call } = setup();
    g.input = Array.from({ length: 5000 }, (_, i) => i & 0xff);
    g.consoleRead = () => Uint8Array.from(g.input); // ignores max
    expect(call(SBI_EXT_DBCN, 1n, [10_000, RAM, 0])).toEqual(OK(SBI_CONSOLE_MAX));
    expect(g.writes).toEqual([[RAM, SBI_CONSOLE_MAX]]);
  });

  it('console_write_byte writes the low byte; FAILED when the console takes nothing', () => {
    const { g, call } = setup();
    expect(call(SBI_EXT_DBCN, 2n, [0x1234_5641n])).toEqual(OK(0));
    expect(g.text()).toBe('A');
    g.accept = 0;
    expect(call(SBI_EXT_DBCN, 2n, [0x42])).toEqual(ERR(SBI_ERR_FAILED));
  });

  it('a console that reports nonsense counts is clamped', () => {
    const { g, call } = setup();
    g.consoleWrite = () => 1e9;
    expect(call(SBI_EXT_DBCN, 0n, [3, RAM, 0])).toEqual(OK(3));
    g.consoleWrite = () => -5;
    expect(call(SBI_EXT_DBCN, 0n, [3, RAM, 0])).toEqual(OK(0));
    g.consoleWrite = () => NaN;
    expect(call(SBI_EXT_DBCN, 0n, [3, RAM, 0])).toEqual(OK(0));
  });
});

describe('legacy extensions', () => {
  it('set_timer, console_putchar, console_getchar, shutdown; only a0 is returned and a6 is ignored', () => {
    const { g, call } = setup();
    expect(call(0x00n, M64, [999], 1)).toEqual(LEGACY(0));
    expect(call(0x01n, 0n, [0x141])).toEqual(LEGACY(0));
    expect(g.text()).toBe('A');
    g.input = [0xff];
    expect(call(0x02n, 5n)).toEqual(LEGACY(0xff));
    expect(call(0x02n, 0n)).toEqual(LEGACY(-1));
    expect(sbiResultRegs(call(0x02n, 0n))).toEqual({ a0: M64 });
    expect(call(0x08n, 1234n, [5, 6])).toEqual(LEGACY(0));
    expect(g.calls).toEqual([['setTimer', 1, 999n], ['reset', 'shutdown', 0]]);
  });

  it('console_putchar drops the byte silently when the console takes nothing', () => {
    const { g, call } = setup();
    g.accept = 0;
    expect(call(0x01n, 0n, [0x41])).toEqual(LEGACY(0));
  });

  it('clear_ipi reports whether an IPI was pending on the calling hart', () => {
    const { g, call } = setup();
    g.ssip.add(2);
    expect(call(0x03n, 0n, [], 2)).toEqual(LEGACY(1));
    expect(call(0x03n, 0n, [], 2)).toEqual(LEGACY(0));
    expect(g.calls).toEqual([['clearIpi', 2], ['clearIpi', 2]]);
  });

  it('send_ipi reads the hart mask through the pointer', () => {
    const { g, call } = setup(4);
    g.poke64(RAM + 0x100n, 0b1010n);
    expect(call(0x04n, 0n, [RAM + 0x100n])).toEqual(LEGACY(0));
    expect(g.calls).toEqual([['sendIpi', [1, 3]]]);
    expect(g.reads).toEqual([[RAM + 0x100n, 8]]);
    g.poke64(RAM + 0x100n, 0n);
    expect(call(0x04n, 0n, [RAM + 0x100n])).toEqual(LEGACY(0)); // empty: nothing sent
    expect(g.calls).toHaveLength(1);
  });

  it('a NULL hart mask pointer means every hart', () => {
    const { g, call } = setup(3);
    expect(call(0x04n, 0n, [0])).toEqual(LEGACY(0));
    expect(call(0x05n, 0n, [0])).toEqual(LEGACY(0));
    expect(g.calls).toEqual([['sendIpi', [0, 1, 2]], ['remoteFence', 'fence.i', [0, 1, 2], 0n, SBI_FENCE_ALL, undefined]]);
    expect(g.reads).toEqual([]);
  });

  it('a pointer outside guest memory reports the fault address and INVALID_ADDRESS', () => {
    const { g, call } = setup(4);
    for (const p of [0x1000n, RAM + BigInt(RAM_SIZE) - 4n, M64 - 3n, M64]) {
      expect(call(0x04n, 0n, [p]), `ptr ${p.toString(16)}`).toEqual({ ...LEGACY(SBI_ERR_INVALID_ADDRESS), fault: p });
    }
    expect(g.calls).toEqual([]);
    // A pointer whose 8 bytes would wrap past 2^64 is never even passed to the guest's reader.
    expect(g.reads.every(([a, n]) => a + BigInt(n) <= 1n << 64n)).toBe(true);
  });

  it('mask bits beyond the last hart are INVALID_PARAM', () => {
    const { g, call } = setup(4);
    g.poke64(RAM, 0b10001n);
    expect(call(0x04n, 0n, [RAM])).toEqual(LEGACY(SBI_ERR_INVALID_PARAM));
    expect(call(0x06n, 0n, [RAM, 0, 0])).toEqual(LEGACY(SBI_ERR_INVALID_PARAM));
    expect(g.calls).toEqual([]);
  });

  it('with more harts than XLEN the mask is several unsigned longs', () => {
    const { g, call } = setup(100);
    g.poke64(RAM, 1n);
    g.poke64(RAM + 8n, (1n << 35n) | 1n); // harts 64 and 99
    expect(call(0x04n, 0n, [RAM])).toEqual(LEGACY(0));
    expect(g.calls).toEqual([['sendIpi', [0, 64, 99]]]);
    expect(g.reads).toEqual([[RAM, 16]]);
    g.poke64(RAM + 8n, 1n << 36n); // hart 100
    expect(call(0x04n, 0n, [RAM])).toEqual(LEGACY(SBI_ERR_INVALID_PARAM));
  });

  it('the pointer is a virtual address when the hypervisor can translate it', () => {
    const { g, call } = setup(4);
    const seen: Array<[number, bigint, number]> = [];
    g.readGuestVirtual = (hart, va, len) => {
      seen.push([hart, va, len]);
      return va === 0xffff_ffff_8000_1000n ? Uint8Array.of(0b0100, 0, 0, 0, 0, 0, 0, 0) : null;
    };
    expect(call(0x04n, 0n, [0xffff_ffff_8000_1000n], 3)).toEqual(LEGACY(0));
    expect(call(0x04n, 0n, [0xffff_ffff_8000_2000n], 1)).toEqual({ ...LEGACY(SBI_ERR_INVALID_ADDRESS), fault: 0xffff_ffff_8000_2000n });
    expect(seen).toEqual([[3, 0xffff_ffff_8000_1000n, 8], [1, 0xffff_ffff_8000_2000n, 8]]);
    expect(g.reads).toEqual([]);
    expect(g.calls).toEqual([['sendIpi', [2]]]);
  });

  it('remote fences with start, size and ASID', () => {
    const { g, call } = setup(4);
    g.poke64(RAM, 0b11n);
    expect(call(0x05n, 0n, [RAM, 7, 7])).toEqual(LEGACY(0));
    expect(call(0x06n, 0n, [RAM, 0x1000, 0x2000])).toEqual(LEGACY(0));
    expect(call(0x06n, 0n, [RAM, 0, M64])).toEqual(LEGACY(0));
    expect(call(0x07n, 0n, [RAM, 0x1000, 0x1000, 9])).toEqual(LEGACY(0));
    expect(call(0x07n, 0n, [RAM, 3, M64 - 1n, 9])).toEqual(LEGACY(SBI_ERR_INVALID_ADDRESS));
    expect(g.calls).toEqual([
      ['remoteFence', 'fence.i', [0, 1], 0n, SBI_FENCE_ALL, undefined],
      ['remoteFence', 'sfence.vma', [0, 1], 0x1000n, 0x2000n, undefined],
      ['remoteFence', 'sfence.vma', [0, 1], 0n, SBI_FENCE_ALL, undefined],
      ['remoteFence', 'sfence.vma.asid', [0, 1], 0x1000n, 0x1000n, 9n],
    ]);
  });
});

describe('statistics', () => {
  it('counts calls per extension, unknown ones together', () => {
    const { sbi, call } = setup();
    call(SBI_EXT_BASE, 0n);
    call(SBI_EXT_BASE, 3n, [SBI_EXT_HSM]);
    call(SBI_EXT_BASE, 99n); // unsupported function: still a call to BASE
    call(SBI_EXT_TIME, 0n, [1]);
    call(SBI_EXT_IPI, 0n, [1, 0]);
    call(SBI_EXT_RFENCE, 0n, [1, 0]);
    call(SBI_EXT_HSM, 2n, [0]);
    call(SBI_EXT_SRST, 0n, [9, 0]); // rejected: still counted
    call(SBI_EXT_DBCN, 2n, [0x41]);
    call(0x00n, 0n, [1]);
    call(0x01n, 0n, [0x41]);
    call(0x04n, 0n, [0]);
    call(0x09n, 0n);
    call(0x504d55n, 0n);
    expect(Object.fromEntries(sbi.counts)).toEqual({
      base: 3, time: 1, ipi: 1, rfence: 1, hsm: 1, srst: 1, dbcn: 1,
      'legacy.set_timer': 1, 'legacy.console_putchar': 1, 'legacy.send_ipi': 1, unknown: 2,
    });
  });
});

describe('hostile guests', () => {
  it('random registers never throw, never escape the spec codes, never move unbounded data', () => {
    let s = 0x9e37_79b9_7f4a_7c15n;
    const rnd = (): bigint => { // xorshift64*
      s ^= s >> 12n; s ^= (s << 25n) & M64; s ^= s >> 27n;
      return (s * 0x2545_f491_4f6c_dd1dn) & M64;
    };
    const interesting = [0n, 1n, 2n, 3n, 4n, 0x8000_0000n, 0xffff_ffffn, 1n << 32n, 1n << 63n, M64, M64 - 1n,
      RAM, RAM + 0x100n, RAM + BigInt(RAM_SIZE) - 1n, RAM + BigInt(RAM_SIZE), BigInt(RAM_SIZE), 0x1000_0000n];
    const pick = (): bigint => (rnd() & 1n ? interesting[Number(rnd() % BigInt(interesting.length))] : rnd());
    const eids = [...SBI_EXTENSION_NAMES.keys(), 0x09n, 0x0fn, 0x504d55n, 0x5355_5350n];
    const codes = new Set([0n, -1n, -2n, -3n, -4n, -5n, -6n, -7n, -8n, -9n]);
    const g = new FakeGuest(5);
    g.states.splice(0, 5, 'started', 'stopped', 'suspended', 'start_pending', 'started');
    g.input = Array.from({ length: 1 << 16 }, (_, i) => i & 0xff);
    const sbi = new Sbi(g);
    for (let i = 0; i < 20_000; i++) {
      const eid = rnd() & 3n ? eids[Number(rnd() % BigInt(eids.length))] : pick();
      const fid = rnd() & 3n ? rnd() % 9n : pick();
      const args = Array.from({ length: Number(rnd() % 7n) }, pick);
      const hart = Number(rnd() % 7n) - 1;
      const r = sbi.call({ eid, fid, args, hart });
      expect(r.value >= 0n && r.value <= M64).toBe(true);
      if (!r.legacy) expect(codes.has(r.error), `eid ${eid} fid ${fid} → ${r.error}`).toBe(true);
      else expect(r.error >= -9n && r.error <= 0xffn).toBe(true);
      if (r.error !== 0n) expect(r.value).toBe(0n);
    }
    expect(Math.max(...g.consoleWrites)).toBeLessThanOrEqual(SBI_CONSOLE_MAX);
    expect(Math.max(...g.reads.map(([, n]) => n))).toBeLessThanOrEqual(SBI_CONSOLE_MAX);
    expect(Math.max(...g.writes.map(([, n]) => n))).toBeLessThanOrEqual(SBI_CONSOLE_MAX);
    // Everything that reached the hypervisor was validated.
    for (const c of g.calls) {
      switch (c[0]) {
        case 'startHart': expect(g.states[c[1]]).toBe('stopped'); expect(c[2] % 2n).toBe(0n); break;
        case 'stopHart': case 'suspendHart': expect(g.states[c[1]]).toBe('started'); break;
        case 'sendIpi': case 'remoteFence': {
          const harts = c[0] === 'sendIpi' ? c[1] : c[2];
          expect(harts.length).toBeGreaterThan(0);
          expect(harts.every((h) => Number.isInteger(h) && h >= 0 && h < 5)).toBe(true);
          if (c[0] === 'remoteFence') expect(c[3] + (c[4] === SBI_FENCE_ALL ? 0n : c[4]) <= 1n << 64n).toBe(true);
          break;
        }
        case 'reset': expect([0, 1]).toContain(c[2]); break;
      }
    }
    expect([...sbi.counts.values()].reduce((a, b) => a + b, 0)).toBe(20_000);
  });
});
