// The CLI's V8 tiers for compiled guest code (src/node/wasm.ts cliJitTiers): Liftoff alone,
// one function per page, compiles on the machine's thread, and promotion to V8's optimizing
// tier past PROMOTE_AT (src/jit/jit.ts promoteAt; test/jit.test.ts checks the promotion
// itself). Its own file: the V8 flags it sets are the process's.
import { describe, it, expect } from 'vitest';
import { cliJitTiers, PROMOTE_AT, loadCoreWasm } from '../src/node/wasm';
import type { JitThread } from '../src/jit/jit';

const fresh = () => ({ async: true, wholePage: false, promoteAt: null as bigint | null, onPromote: null as (() => void) | null, thread: null as JitThread | null });

describe("the CLI's JIT tiers", () => {
  it('optimizing (for measurements): V8 as it comes, nothing promoted', () => {
    const jit = fresh();
    cliJitTiers(jit, 'optimizing');
    expect(jit).toEqual(fresh());
  });

  it('baseline: whole pages, compiled in line or (--jit-thread on) on the JIT thread, in line under --icount, promoted once past a mark no Linux boot reaches', () => {
    const jit = fresh();
    cliJitTiers(jit, 'baseline', new WebAssembly.Module(loadCoreWasm()));
    expect(jit).toMatchObject({ async: true, wholePage: true, promoteAt: PROMOTE_AT });
    expect(jit.thread?.alive).toBe(true);
    // A machine under --icount has turned async off already: it stays off, and compiles in line.
    const icount = { ...fresh(), async: false };
    cliJitTiers(icount, 'baseline', new WebAssembly.Module(loadCoreWasm()));
    expect(icount.async).toBe(false);
    // Without the core's module (--jit-thread off, the default), no thread: in line.
    const none = fresh();
    cliJitTiers(none, 'baseline');
    expect(none).toMatchObject({ async: false, thread: null });
    // A Linux boot to the prompt and poweroff retires 1.7 G instructions; its peak RSS (the
    // issue's aim) must not pay for TurboFan's compiles.
    expect(PROMOTE_AT).toBeGreaterThanOrEqual(2n * 1_700_000_000n);
    expect(jit.onPromote).toBeTypeOf('function');
    expect(() => jit.onPromote!()).not.toThrow();
  });
});
