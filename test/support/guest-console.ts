// Drives the rvisor CLI like a person at the console: start it with a pipe for stdin, wait for
// text to appear on stdout, type lines. Used by the boot tests (Linux, U-Boot).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');

export class GuestConsole {
  readonly proc: ChildProcessWithoutNullStreams;
  output = '';
  stderr = '';
  private mark = 0; // waitFor searches output from here on
  readonly exited: Promise<number | null>;

  constructor(args: string[]) {
    this.proc = spawn(process.execPath, [join(REPO, 'dist/cli.js'), 'run', ...args], { cwd: REPO });
    this.proc.stdout.on('data', (b: Buffer) => { this.output += b.toString('latin1'); });
    this.proc.stderr.on('data', (b: Buffer) => { this.stderr += b.toString('latin1'); });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
  }

  // Resolves with the text matched by `re` after the previous match; rejects after `ms`.
  async waitFor(re: RegExp, ms: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = re.exec(this.output.slice(this.mark));
      if (m) {
        this.mark += (m.index ?? 0) + m[0].length;
        return m;
      }
      if (Date.now() > deadline || this.proc.exitCode !== null) {
        throw new Error(`waited ${ms} ms for ${re}; last output:\n${this.output.slice(-2000)}\nstderr:\n${this.stderr.slice(-2000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  send(line: string): void { this.proc.stdin.write(line + '\n'); }

  // Runs a shell command and returns what it printed between two unique markers.
  async sh(cmd: string, ms = 60_000): Promise<string> {
    const tag = `M${Math.random().toString(36).slice(2, 8)}`;
    this.send(`echo ${tag}-a; ${cmd}; echo ${tag}-b`);
    await this.waitFor(new RegExp(`\\n${tag}-a\\r?\\n`), ms);
    const m = await this.waitFor(new RegExp(`([\\s\\S]*?)\\n${tag}-b\\r?\\n`), ms);
    return m[1];
  }

  kill(): void { this.proc.kill('SIGKILL'); }
}
