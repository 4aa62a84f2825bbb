// A guest console on a local socket (a Unix socket, or a named pipe on Windows): the hypervisor
// serves one per guest that asks for it, and `rvisor console NAME` attaches a terminal to it.
// Output written while nobody is attached is kept (the last 64 KiB) and replayed on attach.
import { createServer, connect, type Server, type Socket } from 'node:net';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../machine/machine';

const SCROLLBACK = 64 * 1024;
const CTRL_A = 0x01;

export function consoleDir(): string {
  return process.env.RVISOR_RUN_DIR ?? join(tmpdir(), `rvisor-${process.getuid?.() ?? 'user'}`);
}

export function consolePath(name: string): string {
  if (process.platform === 'win32') return `\\\\.\\pipe\\rvisor-${name}`;
  return join(consoleDir(), `${name}.sock`);
}

export class ConsoleSocket {
  private readonly server: Server;
  private client: Socket | null = null;
  private backlog: Buffer[] = [];
  private backlogBytes = 0;

  private constructor(readonly path: string, onInput: (bytes: Uint8Array) => void) {
    this.server = createServer((sock) => {
      this.client?.destroy(); // the newest terminal wins
      this.client = sock;
      for (const b of this.backlog) sock.write(b);
      this.backlog = [];
      this.backlogBytes = 0;
      sock.on('data', (d) => onInput(d));
      sock.on('error', () => {});
      sock.on('close', () => { if (this.client === sock) this.client = null; });
    });
    this.server.unref();
  }

  static async listen(name: string, onInput: (bytes: Uint8Array) => void): Promise<ConsoleSocket> {
    const path = consolePath(name);
    const fail = (e: unknown): never => {
      throw new UserError(`guest ${name}: cannot serve its console at ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; set RVISOR_RUN_DIR to a writable directory`);
    };
    if (process.platform !== 'win32') {
      try { mkdirSync(consoleDir(), { recursive: true, mode: 0o700 }); } catch (e) { fail(e); }
      // A socket left by a run that was killed is replaced; one that answers belongs to a
      // running rvisor and is not taken from it.
      if (bound(path)) throw new UserError(`guest ${name}: another rvisor serves a console at ${path}; give this guest another name or set RVISOR_RUN_DIR`);
      rmSync(path, { force: true });
    }
    const c = new ConsoleSocket(path, onInput);
    await new Promise<void>((resolve, reject) => {
      c.server.once('error', reject);
      c.server.listen(path, () => resolve());
    }).catch(fail);
    return c;
  }

  write(bytes: Uint8Array): void {
    if (this.client) { this.client.write(bytes); return; }
    const b = Buffer.from(bytes);
    this.backlog.push(b);
    this.backlogBytes += b.length;
    while (this.backlogBytes > SCROLLBACK && this.backlog.length > 1) this.backlogBytes -= this.backlog.shift()!.length;
  }

  close(): void {
    this.client?.end();
    this.server.close();
    if (process.platform !== 'win32') rmSync(this.path, { force: true });
  }
}

// Whether a live process listens on the Unix socket at `path` (Linux: /proc/net/unix lists
// bound paths; elsewhere unknown, taken as no). Connecting to ask would take the console from
// the terminal attached to it.
function bound(path: string): boolean {
  try {
    return readFileSync('/proc/net/unix', 'utf8').split('\n').some((l) => l.endsWith(` ${path}`));
  } catch {
    return false;
  }
}

// `rvisor console NAME`: the terminal in raw mode, Ctrl-A X detaches (the guest keeps running),
// Ctrl-A Ctrl-A or Ctrl-A A sends one Ctrl-A; piped stdin takes the same escapes.
// Resolves with 0 when the guest's run ends or the user detaches.
export function attachToConsole(name: string): Promise<number> {
  if (!/^[A-Za-z0-9_.-]{1,32}$/.test(name)) return Promise.reject(new UserError(`console '${name}': not a guest name (1-32 letters, digits, '.', '_' or '-')`));
  const path = consolePath(name);
  return new Promise((resolve, reject) => {
    const sock = connect(path);
    const stdin = process.stdin;
    const tty = stdin.isTTY === true;
    let escape = false;
    const done = (code: number) => {
      if (tty) stdin.setRawMode(false);
      stdin.pause();
      resolve(code);
    };
    sock.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ECONNREFUSED') {
        reject(new UserError(`no console for guest '${name}' at ${path}; is it running with "console": "socket"?`));
      } else reject(new UserError(`console of guest '${name}' at ${path}: ${e.code ?? e.message}`));
    });
    sock.once('connect', () => {
      if (tty) stdin.setRawMode(true);
      stdin.on('data', (chunk: Buffer) => {
        const out: number[] = [];
        for (const b of chunk) {
          if (escape) {
            escape = false;
            if (b === 0x78 || b === 0x58) { sock.end(); done(0); return; }
            if (b === CTRL_A || b === 0x61 || b === 0x41) out.push(CTRL_A);
            continue;
          }
          if (b === CTRL_A) { escape = true; continue; }
          out.push(b);
        }
        if (out.length) sock.write(Uint8Array.from(out));
      });
      stdin.resume();
    });
    sock.on('data', (d) => process.stdout.write(d));
    sock.on('close', () => done(0));
  });
}
