// The JIT's own thread (issue 12; the CLI's --jit-thread on, off by default for its memory): hot
// pages are translated and their modules compiled (Liftoff) on a worker thread, so the machine's
// thread only copies a page out and installs the module it gets back. On a boot that was 0.3-0.4
// s of the machine's thread (99 pages: the translator's JavaScript, cold for most of a boot, and
// Liftoff), with the second core idle. Results are taken without waiting (receiveMessageOnPort)
// where the machine installs background compiles (src/jit/jit.ts installReady): between run()
// calls, so never while compiled code runs.
import { Worker, MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import type { JitThread, JobInput, ThreadResult } from '../jit/jit';

// The worker's script: next to the bundle (dist/cli.js), or dist/ when running from the sources.
function workerScript(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const p of [join(here, 'jit-worker.js'), join(here, '../../dist/jit-worker.js')]) if (existsSync(p)) return p;
  return null;
}

// The worker, one per process, shared by every core that asks (each through its own client).
class WorkerThread {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  // Results posted (the worker adds one after each): drain() reads the port only when it moved.
  private readonly done = new Int32Array(new SharedArrayBuffer(4));
  private seen = 0;
  private nextId = 0;
  // Jobs in flight, by the id the worker knows: whose, and its id there.
  private readonly owners = new Map<number, { client: Client; id: number }>();
  error: string | null = null;

  constructor(private readonly script: string, private readonly core: WebAssembly.Module) {}

  start(): void {
    if (this.worker) return;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // A young generation of 1 MiB: the translator's garbage dies young, and V8's default let the
    // worker's heap grow to 4 MiB more at a boot's peak (whose RSS must stay under QEMU's).
    this.worker = new Worker(this.script, { workerData: { core: this.core, port: port2, done: this.done }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 1 } });
    // Neither keeps the process alive: the machine's own loop decides when it ends.
    this.worker.unref();
    port1.unref();
    this.worker.on('error', (e) => { this.error = `the JIT's thread failed: ${e.message}`; });
    this.worker.on('exit', (code) => { this.error ??= `the JIT's thread exited (${code})`; });
  }

  post(client: Client, id: number, job: JobInput): void {
    this.start();
    const g = ++this.nextId;
    this.owners.set(g, { client, id });
    const transfer = [job.page.recs.buffer, job.page.raw.buffer, job.marks.buffer];
    if (job.next) transfer.push(job.next.recs.buffer, job.next.raw.buffer);
    this.worker!.postMessage({ id: g, job }, transfer);
  }

  // Hands the results that arrived to their clients.
  drain(): void {
    if (this.port && Atomics.load(this.done, 0) !== this.seen) {
      for (let m; (m = receiveMessageOnPort(this.port));) {
        const r = m.message as ThreadResult;
        this.seen++;
        const o = this.owners.get(r.id);
        if (!o) continue;
        this.owners.delete(r.id);
        o.client.results.push({ ...r, id: o.id });
      }
    }
    // A dead thread finishes nothing more: its jobs fail, and the JITs compile on their own thread.
    if (this.error !== null) {
      for (const o of this.owners.values()) o.client.results.push({ id: o.id, info: null, bytes: null, module: null, error: this.error, ms: 0 });
      this.owners.clear();
    }
  }
}

class Client implements JitThread {
  readonly results: ThreadResult[] = [];
  constructor(private readonly thread: WorkerThread) {}
  get alive(): boolean { return this.thread.error === null; }
  submit(id: number, job: JobInput): void { this.thread.post(this, id, job); }
  take(): ThreadResult[] {
    this.thread.drain();
    return this.results.splice(0);
  }
}

let shared: WorkerThread | null | undefined;

// The JIT thread for one core (src/jit/jit.ts Jit.thread): the process's worker, started at its
// first job (a program that never needs one pays nothing for it), or null where the worker's
// script is missing.
export function jitThread(core: WebAssembly.Module): JitThread | null {
  if (shared === undefined) {
    const script = workerScript();
    shared = script ? new WorkerThread(script, core) : null;
  }
  return shared ? new Client(shared) : null;
}
