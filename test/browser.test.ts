// Runs in the browser too: headless Chromium (Debian's, driven by playwright-core) loads the
// built browser bundle and core from a local HTTP server and runs the demo guest to poweroff.
// The core and machine use no Node API, so nothing but fetch and WebAssembly is needed there.
// chromium is a required tool (scripts/ensure-tools.mjs installs it): without it this fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const PAGE = join(ROOT, 'test/support/browser-page.html');
const HELLO = join(ROOT, 'roms/demo/hello.elf');
const CHROMIUM = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((p) => existsSync(p));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.elf': 'application/octet-stream',
};

// Serves the test page at /, the demo guest at /hello.elf and dist/ at the root; nothing else.
function resolve(urlPath: string): string | null {
  if (urlPath === '/' || urlPath === '/index.html') return PAGE;
  if (urlPath === '/hello.elf') return HELLO;
  if (urlPath === '/hv-sbi.elf') return join(ROOT, 'roms/hv/hv-sbi.elf');
  const p = normalize(join(DIST, decodeURIComponent(urlPath)));
  if (!p.startsWith(DIST + sep)) return null;
  return existsSync(p) && statSync(p).isFile() ? p : null;
}

let server: Server;
let browser: Browser | undefined;
let origin = '';

beforeAll(async () => {
  if (!existsSync(join(DIST, 'rvisor.browser.js')) || !existsSync(join(DIST, 'core.wasm'))) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed:\n${b.stdout}${b.stderr}`);
  }
  server = createServer((req, res) => {
    const path = resolve(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path || req.method !== 'GET') { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(0, '127.0.0.1', ok); });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!CHROMIUM) throw new Error('chromium is not installed (/usr/lib/chromium/chromium, /usr/bin/chromium); run node scripts/ensure-tools.mjs');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: 20_000,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()));
});

describe('browser', () => {
  it('the browser bundle imports nothing from Node', () => {
    const js = readFileSync(join(DIST, 'rvisor.browser.js'), 'utf8');
    expect(js).not.toMatch(/["']node:/);
    expect(js).not.toMatch(/\brequire\s*\(/);
    expect(js).not.toMatch(/from\s*["'](fs|path|url|util|os|child_process|worker_threads)["']/);
  });

  it('runs the demo guest to poweroff in headless Chromium', async () => {
    const r = await runPage('/');
    expect(r.reason).toBe('poweroff');
    expect(r.exitCode).toBe(0);
    expect(r.output).toContain('Hello from a RISC-V guest running on rvisor!');
    expect(r.output).toContain('sum of 1..1000000 = 500000500000');
    expect(r.output).toContain('Bye');
    expect(Number(r.instret)).toBeGreaterThan(3_000_000);
  }, 30_000);

  it('runs the demo guest with the JIT on (compiled wasm instantiated in the page)', async () => {
    const r = await runPage('/?jit');
    expect(r.reason).toBe('poweroff');
    expect(r.output).toContain('sum of 1..1000000 = 500000500000');
    expect(r.jitRegions).toBeGreaterThan(0);
    expect(r.jitShare).toBeGreaterThan(0.5);
  }, 30_000);

  it('runs an S-mode program as a trap-mode guest, rvisor being its SBI', async () => {
    const r = await runPage('/?trap');
    const expected = readFileSync(join(ROOT, 'roms/hv/hv-sbi.expected'), 'latin1').replace(/\r/g, '');
    expect(r.mode).toBe('trap');
    expect(r.reason).toBe('poweroff');
    expect(r.output.slice(r.output.indexOf('START ')).replace(/\r/g, '')).toBe(expected.slice(expected.indexOf('START ')));
    expect(r.sbiExits).toBeGreaterThan(10);
  }, 30_000);
});

type PageResult = { reason: string; exitCode: number; output: string; instret: string; mode: string; sbiExits: number; jitShare: number; jitRegions: number };

async function runPage(path: string): Promise<PageResult> {
  const page = await browser!.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  try {
    await page.goto(`${origin}${path}`);
    await page.waitForFunction(() => 'rvisorResult' in window || 'rvisorError' in window, undefined, { timeout: 25_000 })
      .catch((e) => { throw new Error(`${(e as Error).message}\n${problems.join('\n')}`); });
    const { result, error, nodeGlobals } = await page.evaluate(() => {
      const w = window as unknown as { rvisorResult?: unknown; rvisorError?: string };
      const g = globalThis as Record<string, unknown>;
      return { result: w.rvisorResult, error: w.rvisorError, nodeGlobals: ['process', 'require', 'Buffer'].filter((k) => k in g) };
    });
    expect(error, problems.join('\n')).toBeUndefined();
    expect(nodeGlobals).toEqual([]);
    expect(problems).toEqual([]);
    return result as PageResult;
  } finally {
    await page.close();
  }
}
