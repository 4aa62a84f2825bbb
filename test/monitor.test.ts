// The console monitor's commands and the machine's reactions to a guest kernel panic, pause
// and resume, through the library API.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine } from '../src/machine/machine';
import { monitorCommand } from '../src/cli/monitor';

const wasm = readFileSync(new URL('../build/core.wasm', import.meta.url));

async function machineWith(elf: string, out: number[] = []): Promise<Machine> {
  const m = await Machine.create(wasm, { memSize: 16 << 20, console: (b) => out.push(...b) });
  m.loadElf(readFileSync(new URL(elf, import.meta.url)), elf);
  m.reset();
  return m;
}

describe('monitor', () => {
  it('shows registers, statistics and help, and answers quit and continue', async () => {
    const m = await machineWith('../roms/demo/hello.elf');
    await m.run({ timeoutMs: 10_000 });
    const regs = monitorCommand(m, 'regs');
    expect(regs.then).toBe('stay');
    expect(regs.output).toMatch(/pc 0x[0-9a-f]{16} {2}priv M/);
    expect(regs.output).toMatch(/a0 0x[0-9a-f]{16}/);
    expect(regs.output).toMatch(/mstatus 0x/);
    const stats = JSON.parse(monitorCommand(m, 'stats').output);
    expect(stats.instret).toBeGreaterThan(3_000_000);
    expect(monitorCommand(m, 'help').output).toMatch(/regs/);
    expect(monitorCommand(m, 'frobnicate').output).toMatch(/unknown command 'frobnicate'/);
    expect(monitorCommand(m, 'q').then).toBe('quit');
    expect(monitorCommand(m, 'c').then).toBe('resume');
  });
});

describe('monitor under the hypervisor', () => {
  it('shows each guest\'s figures and a trap-mode guest\'s exits while they run', async () => {
    const { Hypervisor } = await import('../src/hypervisor/hypervisor');
    const holder = readFileSync(new URL('../roms/hv/hv-isolation-holder.elf', import.meta.url));
    const hv = await Hypervisor.create(wasm, [
      { name: 'one', memSize: 32 << 20, console: () => {} },
      { name: 'two', memSize: 32 << 20, console: () => {} },
    ]);
    for (const g of hv.guests) { g.machine.loadKernel(holder, 'holder'); g.machine.reset(); }
    const running = hv.run({ timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 1500));
    const list = () => hv.guests.map((g) => ({ name: g.name, machine: g.machine, done: g.outcome !== null }));
    const rows = monitorCommand(hv.machine('one')!, 'guests', list).output.trim().split('\n');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^one +running trap \d+ instructions, \d+ hypervisor exits/);
    expect(rows[1]).toMatch(/^two +running trap/);
    expect(rows[0]).toMatch(/; \d+\.\d MiB resident \(\d+ pages shared\), 0 pages swapped, working set \d+ pages/);
    const mem = monitorCommand(hv.machine('one')!, 'memory', list, () => hv.memoryTotals()).output.trim().split('\n');
    expect(mem[0]).toMatch(/^real memory: cap \d+\.\d MiB, grown to \d+\.\d MiB .* guests hold \d+ pages/);
    expect(mem[1]).toMatch(/^one: memory \(32 MiB\): resident \d+ pages .* hidden faults \d+/);
    expect(mem).toHaveLength(3);
    const live = JSON.parse(monitorCommand(hv.machine('two')!, 'stats').output);
    expect(live.mode).toBe('trap');
    expect(live.hv.exits['sbi.time']).toBeGreaterThan(0); // the holder sleeps on its virtual timer
    hv.stop();
    const outcomes = await running;
    expect(outcomes.map((o) => o.reason)).toEqual(['stopped', 'stopped']);
  }, 60_000);
});

describe('machine control', () => {
  it('stops with reason panic and exit code 1 when the guest prints a kernel panic', async () => {
    const out: number[] = [];
    const m = await machineWith('./fixtures/panic.elf', out);
    const r = await m.run({ timeoutMs: 10_000 });
    expect(r.reason).toBe('panic');
    expect(r.exitCode).toBe(1);
    expect(r.detail).toMatch(/Kernel panic - not syncing: VFS/);
    expect(Buffer.from(out).toString()).toContain('Unable to mount root fs');
  });

  it('makes no progress while paused and continues after resume', async () => {
    const m = await machineWith('../roms/demo/hello.elf');
    m.pause();
    const running = m.run({ timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(m.stats().instret).toBe(0n);
    m.resume();
    const r = await running;
    expect(r.reason).toBe('poweroff');
    expect(r.stats.instret).toBeGreaterThan(3_000_000n);
  });

  it('savevm writes a snapshot file (atomically) that loadvm puts back; a bad file is one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvisor-monitor-'));
    try {
      const out: number[] = [];
      const m = await machineWith('../roms/demo/hello.elf', out);
      m.pause(); // as the console does when the monitor opens
      const file = join(dir, 'before.rvsnap');
      const save = monitorCommand(m, `savevm ${file}`);
      expect(save.then).toBe('stay');
      expect(await save.pending).toMatch(/^saved .*before\.rvsnap: [\d.]+ MiB in [\d.]+ s$/);
      expect(readdirSync(dir)).toEqual(['before.rvsnap']); // no temporary file left behind
      expect(m.isPaused).toBe(true); // savevm leaves a paused machine paused
      m.resume();
      await m.run({ timeoutMs: 10_000 });
      const text = () => new TextDecoder().decode(Uint8Array.from(out));
      expect(text().split('Bye').length).toBe(2);
      expect(await monitorCommand(m, `loadvm ${file}`).pending).toBe(`restored ${file}`);
      await m.run({ timeoutMs: 10_000 }); // the program runs again from its first instruction
      expect(text().split('Bye').length).toBe(3);
      writeFileSync(join(dir, 'bad.rvsnap'), 'RVSNAP\r\n' + 'x'.repeat(40));
      const bad = await monitorCommand(m, `loadvm ${join(dir, 'bad.rvsnap')}`).pending;
      expect(bad).toMatch(/^loadvm failed: .*bad\.rvsnap: snapshot format version \d+ is newer/); // garbage where the version goes
      expect(bad!.split('\n')).toHaveLength(1);
      expect(await monitorCommand(m, `loadvm ${join(dir, 'missing.rvsnap')}`).pending).toMatch(/no such file/);
      expect(existsSync(join(dir, 'missing.rvsnap'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
