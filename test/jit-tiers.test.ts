// The CLI's V8 tiers for compiled guest code (src/node/wasm.ts cliJitTiers): Liftoff alone,
// one function per page, compiles on the machine's thread, and promotion to V8's optimizing
// tier past PROMOTE_AT (src/jit/jit.ts promoteAt; test/jit.test.ts checks the promotion
// itself). Its own file: the V8 flags it sets are the process's.
import { describe, it, expect } from 'vitest';
import { cliJitTiers, PROMOTE_AT } from '../src/node/wasm';

const fresh = () => ({ async: true, wholePage: false, promoteAt: null as bigint | null, onPromote: null as (() => void) | null });

describe("the CLI's JIT tiers", () => {
  it('optimizing (for measurements): V8 as it comes, nothing promoted', () => {
    const jit = fresh();
    cliJitTiers(jit, 'optimizing');
    expect(jit).toEqual(fresh());
  });

  it('baseline: whole pages, synchronous, promoted once past a mark no Linux boot reaches', () => {
    const jit = fresh();
    cliJitTiers(jit, 'baseline');
    expect(jit).toMatchObject({ async: false, wholePage: true, promoteAt: PROMOTE_AT });
    // A Linux boot to the prompt and poweroff retires 1.7 G instructions; its peak RSS (the
    // issue's aim) must not pay for TurboFan's compiles.
    expect(PROMOTE_AT).toBeGreaterThanOrEqual(2n * 1_700_000_000n);
    expect(jit.onPromote).toBeTypeOf('function');
    expect(() => jit.onPromote!()).not.toThrow();
  });
});
