// The web page as a person uses it, in real Chromium (Debian's, driven by playwright-core),
// served by `rvisor serve`: Debian's Linux boots in a worker to the busybox shell, `uname -a`
// typed into the terminal shows the kernel's answer, the chart's figures change, a dropped
// bare-metal ELF runs in a new tab, and a snapshot of Linux taken in Node (through the library)
// resumes in the page and answers a command, and the page's own snapshot resumes in Node.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ensureGuestImages } from '../src/node/images';
import { createMachine } from '../src/index';
import '../src/node/zlib-codec'; // the Node snapshot is written by zlib, read by the page's DecompressionStream
import { GuestConsole, REPO } from './support/guest-console';

const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));
const UNAME = /Linux \S+ 6\.12\.\d+\+deb13-riscv64 #1 SMP .* riscv64 GNU\/Linux/;

let server: ChildProcess;
let url = '';
let browser: Browser;
let page: Page;
const problems: string[] = [];

type TabInfo = { name: string; state: string; figures: number; last: { mips: number; instret: number; tlbHitRate: number; exits: Record<string, number> } | null };
const tabs = (): Promise<TabInfo[]> => page.evaluate(() => (window as unknown as { rvisorPage: { tabs(): TabInfo[] } }).rvisorPage.tabs());
const screen = (i: number): Promise<string> => page.evaluate((n) => (window as unknown as { rvisorPage: { screen(i: number): string } }).rvisorPage.screen(n), i);

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}\n${problems.join('\n')}\n${(await tabs().catch(() => [])).map((t) => JSON.stringify(t)).join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

// Drops files on the page as a person dragging them from a file manager would.
async function drop(name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(({ name, data }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name, data: Buffer.from(bytes).toString('base64') });
}

beforeAll(async () => {
  await ensureGuestImages();
  if (!CHROMIUM) throw new Error('chromium is not installed; run node scripts/ensure-tools.mjs');
  server = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'serve', '--port', '0'], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    server.stderr!.on('data', (b: Buffer) => { out += b.toString(); });
    server.on('exit', (code) => reject(new Error(`rvisor serve exited (${code}): ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
  page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  await page.goto(url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('the web page served by rvisor serve', () => {
  it('serves only the page and the images, on loopback', async () => {
    const manifest = await (await fetch(`${url}images/manifest.json`)).json() as { kernel: { size: number }; initrd: { size: number } };
    const img = await ensureGuestImages();
    expect(manifest.kernel.size).toBe(readFileSync(img.kernel).length);
    expect(manifest.initrd.size).toBe(readFileSync(img.initrd).length);
    expect((await fetch(`${url}core.wasm`)).headers.get('content-type')).toBe('application/wasm');
    expect((await fetch(`${url}..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${url}index.html`, { method: 'POST' })).status).toBe(405);
  });

  it('boots Linux in a worker to the shell, and typing uname -a shows the kernel', async () => {
    await until('the shell prompt in the first tab', async () => (await screen(0)).includes('/ # '), 400_000);
    expect((await tabs())[0].state).toBe('running');
    await page.click('.pane.active .term');
    await page.keyboard.type('uname -a\n');
    const text = await until('the answer to uname -a', async () => UNAME.exec(await screen(0)), 60_000);
    expect(text[0]).toMatch(/riscv64/);
  }, 500_000);

  it('shows figures that change every second in the chart', async () => {
    const first = await until('three seconds of figures', async () => { const t = (await tabs())[0]; return t.figures >= 3 && t; }, 30_000);
    await page.keyboard.type('i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo loop-done\n');
    const later = await until('more figures', async () => { const t = (await tabs())[0]; return t.figures >= first.figures + 2 && t; }, 30_000);
    expect(later.last!.instret).toBeGreaterThan(first.last!.instret);
    expect(later.last!.tlbHitRate).toBeGreaterThan(0.5);
    expect(Object.keys(later.last!.exits)).toEqual(expect.arrayContaining(['csr', 'sret', 'sbi', 'mmio']));
    // uPlot draws into canvases in the active pane, and the readout shows MIPS
    expect(await page.locator('.pane.active .chart canvas').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.pane.active .figures').innerText()).toMatch(/MIPS/);
    await until('the loop in the guest', async () => (await screen(0)).includes('loop-done'), 120_000);
  }, 200_000);

  it('runs a dropped bare-metal ELF in a new tab', async () => {
    await drop('hello.elf', readFileSync(join(REPO, 'roms/demo/hello.elf')));
    await until('the demo guest to finish', async () => { const t = await tabs(); return t.length === 2 && t[1].state === 'done' && t; }, 60_000);
    const out = await screen(1);
    expect(out).toContain('Hello from a RISC-V guest running on rvisor!');
    expect(out).toContain('sum of 1..1000000 = 500000500000');
    expect(await page.locator('.pane.active .status').innerText()).toContain('poweroff (exit 0)');
  }, 90_000);

  it('resumes a Linux snapshot taken in Node', async () => {
    const img = await ensureGuestImages();
    let out = '';
    const m = await createMachine({
      memSize: 256 << 20, mode: 'trap', bootargs: 'console=ttyS0 rvisor.modules=none', virtio: [{ kind: 'rng' }],
      console: (b) => { out += Buffer.from(b).toString('latin1'); },
    });
    m.loadKernel(readFileSync(img.kernel), 'Image');
    m.loadInitrd(readFileSync(img.initrd), 'initrd');
    m.reset();
    const running = m.run();
    await until('the Node guest\'s prompt', async () => out.includes('/ # '), 400_000);
    m.input(new TextEncoder().encode('cd /tmp; echo from-node > note\n'));
    await until('the Node guest to run the command', async () => /\/tmp # $/.test(out.replace(/\x1b\[6n/g, '')), 60_000);
    const snap = await m.snapshot();
    m.stop();
    await running;
    await drop('from-node.rvsnap', snap);
    await until('the restored tab', async () => { const t = await tabs(); return t.length === 3 && t[2].state === 'running' && t; }, 60_000);
    await page.click('.pane.active .term');
    await page.keyboard.type('echo restored-$((6*7)) $(cat note)\n');
    await until('the restored guest to answer', async () => (await screen(2)).includes('restored-42 from-node'), 60_000);
    // and back: the page's Save snapshot button, resumed by rvisor run --restore in Node
    await page.keyboard.type('echo from-page >> note; echo from-page\n');
    await until('the page guest to write', async () => /from-page\r?\n[^\n]*\/tmp # /.test(await screen(2)), 60_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#save-snapshot')]);
    const saved = join(tmpdir(), `rvisor-web-${process.pid}.rvsnap`);
    await download.saveAs(saved);
    const g = new GuestConsole(['--restore', saved, '--timeout', '300']);
    try {
      g.send('cat /tmp/note');
      await g.waitFor(/from-node\r?\nfrom-page/, 300_000);
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
      rmSync(saved, { force: true });
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
