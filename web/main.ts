// The page: tabs of guests, each a Web Worker running one machine (worker.ts), its console in an
// xterm.js terminal and its figures in two uPlot charts updated every second. The first tab
// boots Debian's kernel with rvisor's busybox initramfs in trap mode, from the images
// `rvisor serve` hands out (images/manifest.json); a dropped or chosen file runs in a new tab
// (an ELF bare-metal in M-mode, a Linux Image as a trap-mode guest, a .rvsnap snapshot resumed).
import { Terminal } from '@xterm/xterm';
import uPlot from 'uplot';
import './style.css';
import type { Figures, FromWorker, ToWorker } from './protocol';

interface ImageInfo { url: string; size: number }
interface Manifest { kernel: ImageInfo; initrd: ImageInfo; append: string; memSize: number; kernelRelease: string }

const HISTORY = 120; // seconds of figures kept in the charts
const CAUSES = ['csr', 'sret', 'sfence', 'sbi', 'mmio', 'wfi', 'traps'];
const COLORS = ['#5b9cf6', '#f6a35b', '#b57bf6', '#5bd6a1', '#f65b7e', '#9aa4b5', '#e6d35b'];
const $ = <T extends HTMLElement>(sel: string, root: ParentNode = document) => root.querySelector(sel) as T;

let manifest: Promise<Manifest> | null = null;
const images = new Map<string, Promise<ArrayBuffer>>();
const tabs: Tab[] = [];
let current: Tab | null = null;
let counter = 0;

class Tab {
  readonly worker = new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
  readonly button = document.createElement('div');
  readonly pane = document.createElement('section');
  readonly term = new Terminal({ cols: 100, rows: 32, scrollback: 5000, fontSize: 13, convertEol: false, theme: { background: '#000000' } });
  readonly history: Figures[] = [];
  state = 'starting';
  private readonly status: HTMLElement;
  private readonly figuresEl: HTMLElement;
  private readonly rates: uPlot;
  private readonly exits: uPlot;
  private snapshotWaiter: ((b: Uint8Array) => void) | null = null;

  constructor(readonly name: string) {
    this.button.className = 'tab';
    this.button.setAttribute('role', 'tab');
    this.button.innerHTML = `<span></span><span class="close" title="stop and close">×</span>`;
    this.button.firstElementChild!.textContent = name;
    this.button.onclick = (e) => { if ((e.target as HTMLElement).className === 'close') this.close(); else select(this); };
    $('#tabs').append(this.button);
    this.pane.className = 'pane';
    this.pane.innerHTML = `<div class="term"></div><div class="side"><div class="status"></div><div class="progress-list"></div>
      <div class="figures"></div><div class="chart rates"></div><div class="chart exits"></div></div>`;
    $('#panes').append(this.pane);
    this.status = $('.status', this.pane);
    this.figuresEl = $('.figures', this.pane);
    this.term.open($('.term', this.pane));
    this.term.onData((d) => this.send({ type: 'input', bytes: new TextEncoder().encode(d).buffer as ArrayBuffer }));
    const axis = { stroke: '#8b93a5', grid: { stroke: '#2a2f3a' }, ticks: { stroke: '#2a2f3a' } };
    this.rates = new uPlot({
      width: 440, height: 170, title: 'MIPS and TLB hit rate',
      scales: { x: { time: true }, mips: { range: (_u, _lo, hi) => [0, Math.max(10, hi * 1.1)] }, pct: { range: [90, 100] } },
      series: [{}, { label: 'MIPS', scale: 'mips', stroke: '#5b9cf6', width: 2, value: (_u, v) => (v == null ? '–' : v.toFixed(1)) },
        { label: 'TLB hit %', scale: 'pct', stroke: '#5bd6a1', width: 2, value: (_u, v) => (v == null ? '–' : v.toFixed(2)) }],
      axes: [axis, { ...axis, scale: 'mips' }, { ...axis, scale: 'pct', side: 1 }],
    }, [[], [], []], $('.rates', this.pane));
    this.exits = new uPlot({
      width: 440, height: 200, title: 'per second: exits by cause, shadow fills',
      scales: { x: { time: true }, y: { distr: 3 } },
      series: [{}, ...CAUSES.map((c, i) => ({ label: c, stroke: COLORS[i], width: 1.5, value: (_u: uPlot, v: number | null) => (v == null ? '–' : Math.round(v).toString()) })),
        { label: 'shadow fills', stroke: '#ffffff', width: 2, dash: [4, 3], value: (_u: uPlot, v: number | null) => (v == null ? '–' : Math.round(v).toString()) }],
      axes: [axis, { ...axis, size: 64 }], // room for 100,000
    }, [[], ...CAUSES.map(() => []), []], $('.exits', this.pane));
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    this.worker.onerror = (e) => this.setStatus(`worker error: ${e.message}`, 'error');
    tabs.push(this);
    select(this);
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void { this.worker.postMessage(msg, transfer); }

  setStatus(text: string, state?: string): void {
    this.status.textContent = text;
    if (state) this.state = state;
  }

  // Download progress rows, one per image.
  progress(label: string): (done: number, total: number) => void {
    const row = document.createElement('div');
    row.className = 'progress';
    row.innerHTML = `<span></span><progress max="1" value="0"></progress><span></span>`;
    row.children[0].textContent = label;
    $('.progress-list', this.pane).append(row);
    return (done, total) => {
      (row.children[1] as HTMLProgressElement).value = total ? done / total : 0;
      row.children[2].textContent = `${(done / 2 ** 20).toFixed(1)} / ${(total / 2 ** 20).toFixed(1)} MiB`;
    };
  }

  snapshot(): Promise<Uint8Array> {
    return new Promise((resolve) => { this.snapshotWaiter = resolve; this.send({ type: 'snapshot' }); });
  }

  private receive(msg: FromWorker): void {
    switch (msg.type) {
      case 'console': this.term.write(msg.bytes); break;
      case 'figures': this.addFigures(msg.figures); break;
      case 'started': this.setStatus(`${msg.restored ? 'restored' : 'running'}: ${msg.mode} mode, ${msg.memSize >> 20} MiB`, 'running'); break;
      case 'status': this.setStatus(msg.text); break;
      case 'snapshot':
        this.setStatus(`snapshot saved: ${(msg.bytes.length / 2 ** 20).toFixed(1)} MiB in ${msg.ms.toFixed(0)} ms`);
        this.snapshotWaiter?.(msg.bytes);
        this.snapshotWaiter = null;
        break;
      case 'done': this.setStatus(`${msg.reason} (exit ${msg.exitCode})${msg.detail ? `: ${msg.detail}` : ''}`, 'done'); break;
      case 'error': this.setStatus(`error: ${msg.message}`, 'error'); break;
    }
  }

  private addFigures(f: Figures): void {
    this.history.push(f);
    if (this.history.length > HISTORY) this.history.shift();
    const h = this.history;
    const pos = (v: number) => (v > 0 ? v : null); // the log scale has no zero
    this.rates.setData([h.map((x) => x.t), h.map((x) => x.mips), h.map((x) => x.tlbHitRate * 100)]);
    this.exits.setData([h.map((x) => x.t), ...CAUSES.map((c) => h.map((x) => pos(x.exits[c] ?? 0))), h.map((x) => pos(x.shadowFills))] as uPlot.AlignedData);
    const total = Object.values(f.exits).reduce((a, b) => a + b, 0);
    const cell = (v: string, label: string) => `<div><b>${v}</b><br><span>${label}</span></div>`;
    this.figuresEl.innerHTML = cell(f.mips.toFixed(1), 'MIPS') + cell(Math.round(total).toLocaleString('en'), 'exits/s') +
      cell(Math.round(f.shadowFills).toLocaleString('en'), 'shadow fills/s') + cell(`${(f.tlbHitRate * 100).toFixed(2)} %`, 'TLB hit rate');
  }

  // The terminal's text, for tests and copy-paste.
  screen(): string {
    const b = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n');
  }

  close(): void {
    this.worker.terminate();
    this.term.dispose();
    this.button.remove();
    this.pane.remove();
    tabs.splice(tabs.indexOf(this), 1);
    if (current === this) current = null;
    if (tabs.length) select(tabs[tabs.length - 1]);
  }
}

function select(t: Tab): void {
  for (const x of tabs) {
    x.button.classList.toggle('active', x === t);
    x.pane.classList.toggle('active', x === t);
  }
  current = t;
  t.term.focus();
}

// Fetches a URL with progress (the server sends Content-Length).
async function download(url: string, onProgress: (done: number, total: number) => void): Promise<ArrayBuffer> {
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`GET ${url}: ${res.status} ${res.statusText}`);
  const total = Number(res.headers.get('content-length') ?? 0);
  const out = new Uint8Array(total || 0);
  const parts: Uint8Array[] = [];
  let done = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { value, done: end } = await reader.read();
    if (end) break;
    if (total && done + value.length <= total) out.set(value, done);
    else parts.push(value);
    done += value.length;
    onProgress(done, total || done);
  }
  if (total && done === total) return out.buffer;
  const all = new Uint8Array(done);
  let at = 0;
  for (const p of [out.subarray(0, Math.min(done, total)), ...parts]) { all.set(p, at); at += p.length; }
  return all.buffer;
}

// Images are downloaded once and shared by every Linux tab.
function image(which: 'kernel' | 'initrd', m: Manifest, tab: Tab): Promise<ArrayBuffer> {
  let p = images.get(which);
  if (!p) {
    const bar = tab.progress(which);
    p = download(m[which].url, bar);
    images.set(which, p);
  }
  return p;
}

async function newLinuxTab(): Promise<void> {
  const tab = new Tab(`linux-${++counter}`);
  try {
    tab.setStatus('fetching the guest images…', 'downloading');
    manifest ??= fetch('images/manifest.json').then((r) => {
      if (!r.ok) throw new Error(`images/manifest.json: ${r.status} (is this page served by rvisor serve?)`);
      return r.json() as Promise<Manifest>;
    });
    const m = await manifest;
    const [kernel, initrd] = await Promise.all([image('kernel', m, tab), image('initrd', m, tab)]);
    tab.setStatus(`booting Debian's Linux ${m.kernelRelease} in trap mode…`, 'booting');
    tab.send({ type: 'boot', kernel: kernel.slice(0), kernelName: 'Image', initrd: initrd.slice(0), mode: 'trap', memSize: m.memSize, append: m.append });
  } catch (e) {
    tab.setStatus(`error: ${(e as Error).message}`, 'error');
  }
}

const isElf = (b: Uint8Array) => b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
const isSnapshot = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, 6)) === 'RVSNAP';

// A chosen or dropped file: a snapshot resumes, an ELF runs bare-metal in M-mode (as
// `rvisor run --bios none --kernel FILE`), anything else boots as a trap-mode guest kernel with
// the busybox initramfs (a Linux Image).
async function runFile(file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (isSnapshot(bytes)) {
    const tab = new Tab(file.name.replace(/\.rvsnap$/, ''));
    tab.setStatus('restoring…', 'restoring');
    tab.send({ type: 'restore', bytes: bytes.buffer }, [bytes.buffer]);
    return;
  }
  const tab = new Tab(file.name);
  if (isElf(bytes)) {
    tab.term.options.convertEol = true; // bare-metal programs print LF alone; Linux's tty adds the CR itself
    tab.send({ type: 'boot', kernel: bytes.buffer, kernelName: file.name, mode: 'bare', memSize: 128 << 20 }, [bytes.buffer]);
    return;
  }
  try {
    const m = await (manifest ??= fetch('images/manifest.json').then((r) => r.json() as Promise<Manifest>));
    const initrd = await image('initrd', m, tab);
    tab.send({ type: 'boot', kernel: bytes.buffer, kernelName: file.name, initrd: initrd.slice(0), mode: 'trap', memSize: m.memSize, append: m.append }, [bytes.buffer]);
  } catch (e) {
    tab.setStatus(`error: ${(e as Error).message}`, 'error');
  }
}

async function saveSnapshot(): Promise<void> {
  const tab = current;
  if (!tab) return;
  tab.setStatus('saving a snapshot…');
  const bytes = await tab.snapshot();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  a.download = `${tab.name}.rvsnap`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

$('#new-linux').onclick = () => void newLinuxTab();
$('#save-snapshot').onclick = () => void saveSnapshot();
for (const id of ['#pick-program', '#pick-snapshot']) {
  const input = $<HTMLInputElement>(id);
  input.onchange = () => { for (const f of input.files ?? []) void runFile(f); input.value = ''; };
}
let dragDepth = 0;
addEventListener('dragenter', (e) => { e.preventDefault(); dragDepth++; document.body.classList.add('dragging'); });
addEventListener('dragleave', () => { if (--dragDepth <= 0) { dragDepth = 0; document.body.classList.remove('dragging'); } });
addEventListener('dragover', (e) => e.preventDefault());
addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  document.body.classList.remove('dragging');
  for (const f of e.dataTransfer?.files ?? []) void runFile(f);
});

// For tests and the curious (the console): the tabs, their screens and figures.
(window as unknown as { rvisorPage: unknown }).rvisorPage = {
  tabs: () => tabs.map((t) => ({ name: t.name, state: t.state, figures: t.history.length, last: t.history[t.history.length - 1] ?? null })),
  screen: (i: number) => tabs[i]?.screen() ?? '',
};

if (!new URLSearchParams(location.search).has('empty')) void newLinuxTab();
