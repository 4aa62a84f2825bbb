// Debian's Linux under the hypervisor's memory management: with a virtio-balloon its
// virtio_balloon driver reports free pages, which the hypervisor takes back at once, so an
// idle guest's resident size falls after it frees memory; under a real-memory cap the
// balloon policy inflates balloons by what guests report free; an inflated balloon's pages
// hold no frames.
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { Hypervisor } from '../src/hypervisor/hypervisor';
import type { Machine } from '../src/machine/machine';
import { ensureGuestImages } from '../src/node/images';
import { TextConsole, REPO } from './support/guest-console';
import { join } from 'node:path';

const wasm = readFileSync(join(REPO, 'build/core.wasm'));
// Linux reports free memory in blocks of 2^order pages once a zone has 32 such blocks above its
// low watermark: the default order (9, 2 MiB) needs more free memory than a 128 MiB guest has.
const APPEND = 'console=ttyS0 rvisor.modules=virtio_mmio,virtio_balloon page_reporting.page_reporting_order=5';

class MachineConsole extends TextConsole {
  constructor(private readonly m: () => Machine) { super(); }
  send(line: string): void { this.m().input(new TextEncoder().encode(line + '\n')); }
  protected alive(): boolean { return true; }
  protected describe(): string { return ''; }
}

const until = async (what: string, cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe('Linux with a virtio-balloon', () => {
  let images: { kernel: string; initrd: string };
  beforeAll(async () => { images = await ensureGuestImages(); }, 600_000);

  it('reports free pages: the hypervisor takes them back, an idle guest\'s resident size falls after it frees memory, a balloon holds no frames', async () => {
    const con = new MachineConsole(() => hv.machine('g')!);
    const hv = await Hypervisor.create(wasm, [{
      name: 'g', memSize: 128 << 20, bootargs: APPEND, virtio: [{ kind: 'balloon' }], warn: () => {},
      console: (b) => { con.output += new TextDecoder('latin1').decode(b); },
    }]);
    const m = hv.machine('g')!;
    m.loadKernel(readFileSync(images.kernel), 'kernel');
    m.loadInitrd(readFileSync(images.initrd), 'initrd');
    m.reset();
    const run = hv.run({ timeoutMs: 600_000 });
    const mem = () => m.stats().memory!;
    await con.waitFor(/rvisor: initramfs ready[\s\S]*\/ # /, 300_000);
    expect(await con.sh('ls /sys/module | grep -c virtio_balloon')).toMatch(/1/); // /init loaded it: the device is there
    await until('the first free page reports', () => m.balloon!.reportedPages > 0, 60_000);
    expect(mem().discards).toBeGreaterThan(0);
    // Fill 8 MiB of tmpfs (rootfs has about 13 MiB to spare) with data, then free it.
    con.send('mkdir -p /tmp && dd if=/dev/urandom of=/tmp/fill bs=1M count=8 2>/dev/null && echo filled-$((6*7))');
    await con.waitFor(/filled-42/, 120_000);
    const full = mem().resident;
    const reported = m.balloon!.reportedPages;
    con.send('rm /tmp/fill && echo removed-$((6*7))');
    await con.waitFor(/removed-42/, 60_000);
    // The freed pages are reported (Linux waits 2 s, then reports in batches) and their frames
    // come back: at least 4 MiB of the 8.
    await until('the freed pages reported', () => m.balloon!.reportedPages >= reported + 1024, 60_000);
    await until('the resident size to fall', () => mem().resident < full - 1024, 60_000);
    // The statistics queue: the driver's figures, fresh on request.
    expect(m.balloon!.stats.memTotal).toBeGreaterThan(32 << 20);
    // Inflate by 16 MiB: the driver gives those pages, the hypervisor holds no frame for them.
    const before = mem().resident;
    m.balloon!.setTarget(4096);
    await until('the balloon inflated', () => m.balloon!.actual === 4096, 60_000);
    expect(mem().balloon).toBe(4096);
    expect(mem().resident).toBeLessThanOrEqual(before);
    expect(await con.sh('grep MemTotal /proc/meminfo')).toMatch(/MemTotal:\s+\d+ kB/);
    hv.stop();
    await run;
  }, 600_000);

  // Two idle guests hold about 48 MiB once free page reporting has given back what they do not
  // use, so the mark must sit below that for the policy to have anything to do: 30 % of 112 MiB.
  it('under a real-memory cap the policy inflates the guests\' balloons by what they report free', async () => {
    const cons = ['a', 'b'].map((n) => new MachineConsole(() => hv.machine(n)!));
    const hv = await Hypervisor.create(wasm, ['a', 'b'].map((name, i) => ({
      name, memSize: 128 << 20, bootargs: APPEND, virtio: [{ kind: 'balloon' as const }], warn: () => {},
      console: (b: Uint8Array) => { cons[i].output += new TextDecoder('latin1').decode(b); },
    })), { realMem: 112 << 20, balloonPressure: 0.3 });
    for (const g of hv.guests) {
      g.machine.loadKernel(readFileSync(images.kernel), 'kernel');
      g.machine.loadInitrd(readFileSync(images.initrd), 'initrd');
      g.machine.reset();
    }
    const run = hv.run({ timeoutMs: 900_000 });
    for (const c of cons) await c.waitFor(/rvisor: initramfs ready[\s\S]*\/ # /, 600_000);
    const seen: string[] = [];
    const tick = setInterval(() => { const t = hv.memoryTotals(); seen.push(`${t.resident}/${t.cap}`); }, 5000);
    try {
      await until('a balloon inflated by the policy', () => hv.guests.some((g) => (g.machine.balloon?.actual ?? 0) > 0), 120_000);
    } catch (e) {
      const stats = hv.guests.map((g) => JSON.stringify(g.machine.balloon?.stats)).join(' ');
      throw new Error(`${(e as Error).message}; resident/cap pages every 5 s: ${seen.join(' ')}; balloon stats: ${stats}`);
    } finally {
      clearInterval(tick);
    }
    expect(hv.balloons.inflations).toBeGreaterThan(0);
    // The guests still work.
    for (const c of cons) expect(await c.sh('echo $((6*7))')).toContain('42');
    hv.stop();
    await run;
  }, 900_000);
});
