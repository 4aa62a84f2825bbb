// Drives the rvisor CLI like a person at the console: start it with a pipe for stdin, wait for
// text to appear on stdout, type lines. Used by the boot tests (Linux, U-Boot).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, type Socket } from 'node:net';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

// Waiting for text and typing lines, over any byte stream (a process, a console socket).
export abstract class TextConsole {
  output = '';
  private mark = 0; // waitFor searches output from here on

  abstract send(line: string): void;
  protected abstract alive(): boolean;
  protected abstract describe(): string;

  // Resolves with the text matched by `re` after the previous match; rejects after `ms`. What a
  // program writes may have a kernel message in the middle of it (printk from another hart:
  // "rvisor: initramf[    3.060531] random: crng init done\ns ready"), so the text without
  // kernel messages is tried too.
  async waitFor(re: RegExp, ms: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const text = this.output.slice(this.mark);
      const m = re.exec(text);
      if (m) {
        this.mark += (m.index ?? 0) + m[0].length;
        return m;
      }
      const w = withoutKernelMessages(text);
      const m2 = w.clean.length < text.length ? re.exec(w.clean) : null;
      if (m2) {
        this.mark += w.rawOffset((m2.index ?? 0) + m2[0].length);
        return m2;
      }
      if (Date.now() > deadline || !this.alive()) {
        throw new Error(`waited ${ms} ms for ${re}; last output:\n${this.output.slice(-2000)}\n${this.describe()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  // Runs a shell command and returns what it printed between two unique markers.
  async sh(cmd: string, ms = 60_000): Promise<string> {
    const tag = `M${Math.random().toString(36).slice(2, 8)}`;
    this.send(`echo ${tag}-a; ${cmd}; echo ${tag}-b`);
    await this.waitFor(new RegExp(`\\n${tag}-a\\r?\\n`), ms);
    const m = await this.waitFor(new RegExp(`([\\s\\S]*?)\\n${tag}-b\\r?\\n`), ms);
    return m[1];
  }
}

// A Linux kernel message line: "[    3.060531] random: crng init done".
const KERNEL_MESSAGE = /\[\s*\d+\.\d+\] [^\n]*\n/g;

// `text` without kernel message lines, and the offset in `text` of an offset in that.
export function withoutKernelMessages(text: string): { clean: string; rawOffset: (cleanOffset: number) => number } {
  const kept: [number, number][] = []; // spans of `text` kept, [start, end)
  let from = 0;
  for (const m of text.matchAll(KERNEL_MESSAGE)) { kept.push([from, m.index!]); from = m.index! + m[0].length; }
  kept.push([from, text.length]);
  return {
    clean: kept.map(([a, b]) => text.slice(a, b)).join(''),
    rawOffset: (c) => {
      for (const [a, b] of kept) { if (c <= b - a) return a + c; c -= b - a; }
      return text.length;
    },
  };
}

export class GuestConsole extends TextConsole {
  readonly proc: ChildProcessWithoutNullStreams;
  stderr = '';
  readonly exited: Promise<number | null>;

  // prefix: keep only the lines this guest wrote under the hypervisor's "NAME| " prefix, with
  // the prefix removed (several guests share the process's stdout).
  constructor(args: string[], opts: { prefix?: string; env?: NodeJS.ProcessEnv } = {}) {
    super();
    this.proc = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'run', ...args], { cwd: REPO, env: opts.env ?? process.env });
    let partial = '';
    this.proc.stdout.on('data', (b: Buffer) => {
      const text = b.toString('latin1');
      if (!opts.prefix) { this.output += text; return; }
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop()!;
      for (const l of lines) if (l.startsWith(opts.prefix)) this.output += l.slice(opts.prefix.length) + '\n';
      // an unfinished line (a prompt) is shown once it is long enough to carry the prefix
      if (partial.startsWith(opts.prefix) && partial.length > opts.prefix.length) {
        this.output += partial.slice(opts.prefix.length);
        partial = opts.prefix;
      }
    });
    this.proc.stderr.on('data', (b: Buffer) => { this.stderr += b.toString('latin1'); });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  send(line: string): void { this.proc.stdin.write(line + '\n'); }
  protected alive(): boolean { return this.proc.exitCode === null; }
  protected describe(): string { return `stderr:\n${this.stderr.slice(-2000)}`; }

  kill(): void { this.proc.kill('SIGKILL'); }
}

// A guest console served on a local socket by `rvisor run` ("console": "socket").
export class SocketConsole extends TextConsole {
  private sock: Socket | null = null;
  private closed = false;

  static async open(path: string, ms: number): Promise<SocketConsole> {
    const c = new SocketConsole();
    const deadline = Date.now() + ms;
    for (;;) {
      try {
        c.sock = await new Promise<Socket>((resolve, reject) => {
          const s = connect(path);
          s.once('connect', () => resolve(s));
          s.once('error', reject);
        });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    c.sock.on('data', (b: Buffer) => { c.output += b.toString('latin1'); });
    c.sock.on('close', () => { c.closed = true; });
    c.sock.on('error', () => {});
    return c;
  }

  send(line: string): void { this.sock!.write(line + '\n'); }
  protected alive(): boolean { return !this.closed; }
  protected describe(): string { return '(console socket)'; }
  close(): void { this.sock?.destroy(); }
}
