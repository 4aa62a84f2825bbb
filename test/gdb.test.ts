// Debian's gdb-multiarch against rvisor's gdb stub (--gdb), in batch mode: a bare-metal C
// program built with debug information (roms/gdb/prog.c: break at a function, next, stepi,
// print, finish, a watchpoint that fires twice with old and new values, run to the exit), two
// harts as two threads, and Debian's Linux kernel as a trap-mode guest (a hardware and a
// software breakpoint at a kernel function found in /proc/kallsyms, registers, CSRs, memory).
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureGuestImages } from '../src/node/images';
import { GuestConsole, REPO } from './support/guest-console';

const PROG = join(REPO, 'roms', 'gdb', 'prog.elf');

// gdb-multiarch --batch with these commands (and the program's symbols if given); its output.
function gdb(port: string, commands: string[], elf?: string): Promise<string> {
  const args = ['--batch', '-nx', '-ex', 'set pagination off', '-ex', 'set confirm off', '-ex', `directory ${join(REPO, 'roms', 'gdb')}`,
    '-ex', `target remote 127.0.0.1:${port}`, ...commands.flatMap((c) => ['-ex', c]), ...(elf ? [elf] : [])];
  return new Promise((resolve, reject) => {
    const p = spawn('gdb-multiarch', args, { cwd: REPO });
    let out = '';
    p.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    p.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    const timer = setTimeout(() => { p.kill('SIGKILL'); reject(new Error(`gdb timed out:\n${out}`)); }, 240_000);
    p.on('exit', () => { clearTimeout(timer); resolve(out); });
  });
}

// The port rvisor chose (--gdb 0), from its stderr.
async function gdbPort(g: GuestConsole): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const m = /gdb: listening on 127\.0\.0\.1:(\d+)/.exec(g.stderr);
    if (m) return m[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`rvisor did not say where gdb listens:\n${g.stderr}`);
}

describe('gdb-multiarch against the gdb stub', () => {
  beforeAll(() => {
    const r = spawnSync('gdb-multiarch', ['--version'], { encoding: 'utf8' });
    if (r.error) throw new Error('gdb-multiarch is missing: node scripts/ensure-tools.mjs installs it');
  });

  it('debugs a bare-metal C program: breakpoint, next, stepi, print, finish, watchpoint, exit', async () => {
    const g = new GuestConsole(['--bios', 'none', '--kernel', PROG, '--gdb', '0', '-S', '--timeout', '300']);
    try {
      const out = await gdb(await gdbPort(g), [
        'info registers pc', // -S: held before the first instruction
        'break compute',
        'continue',
        'next',
        'next',
        'stepi',
        'print n',
        'print/x $mstatus',
        'print $priv',
        'finish',
        'next',
        'print total',
        'watch counter',
        'continue',
        'continue',
        'delete',
        'continue',
      ], PROG);
      expect(out).toMatch(/pc\s+0x80000000\s/);
      expect(out).toMatch(/Breakpoint 1 at 0x[0-9a-f]+: file \.\/prog\.c, line 19\./);
      expect(out).toMatch(/Breakpoint 1, compute \(n=5\) at \.\/prog\.c:19/);
      expect(out).toMatch(/\n20\s+for \(long i = 1; i <= n; i\+\+\)/); // next
      expect(out).toMatch(/\n21\s+sum \+= i \* i;/); // next
      expect(out).toMatch(/0x[0-9a-f]+\s+21\s+sum \+= i \* i;/); // stepi: inside line 21
      expect(out).toContain('$1 = 5');
      expect(out).toContain('$2 = 0xa00000000'); // reset mstatus: UXL = SXL = 2, nothing else
      expect(out).toContain('$3 = 3'); // priv: M
      expect(out).toMatch(/in main \(\) at \.\/prog\.c:32[\s\S]*Value returned is \$4 = 55/); // finish
      expect(out).toContain('$5 = 55');
      expect(out).toContain('Hardware watchpoint 2: counter');
      expect(out).toMatch(/Old value = 0\s+New value = 1\s+bump \(by=1\) at \.\/prog\.c:28/);
      expect(out).toMatch(/Old value = 1\s+New value = 3\s+bump \(by=2\) at \.\/prog\.c:28/);
      expect(out).toContain('[Inferior 1 (Remote target) exited normally]');
      expect(await g.exited).toBe(0);
      expect(g.output).toContain('gdb-demo: ok');
    } finally {
      g.kill();
    }
  }, 300_000);

  it('shows every hart as a thread', async () => {
    const g = new GuestConsole(['--bios', 'none', '--kernel', PROG, '--smp', '2', '--gdb', '0', '-S', '--timeout', '300']);
    try {
      const out = await gdb(await gdbPort(g), [
        'info threads',
        'thread 2',
        'stepi',
        'stepi',
        'print $mhartid',
        'print $a0',
        'thread 1',
        'print $mhartid',
        'kill',
      ], PROG);
      expect(out).toMatch(/1\s+Thread 1 \(hart 0\)/);
      expect(out).toMatch(/2\s+Thread 2 \(hart 1\)/);
      expect(out).toMatch(/Switching to thread 2 \(Thread 2\)/);
      expect(out).toContain('$1 = 1'); // hart 1's mhartid
      expect(out).toContain('$2 = 1'); // its a0 at entry
      expect(out).toContain('$3 = 0'); // hart 0's
      expect(await g.exited).toBe(0); // killed by gdb: rvisor stops
    } finally {
      g.kill();
    }
  }, 300_000);

  it('debugs Debian\'s Linux as a trap-mode guest: kernel breakpoints by address, registers, memory', async () => {
    await ensureGuestImages();
    const g = new GuestConsole(['--kernel', 'debian', '--initrd', 'debian', '--mem', '256M', '--gdb', '0', '--timeout', '900',
      '--append', 'console=ttyS0 rvisor.modules=none']);
    try {
      await g.waitFor(/rvisor: initramfs ready/, 600_000);
      await g.waitFor(/\/ # /, 120_000);
      // Where the running kernel put a function the timer interrupt always reaches (root may read
      // the addresses; the kernel is not relocated, but this does not depend on it).
      const syms = await g.sh('grep -w riscv_timer_interrupt /proc/kallsyms');
      const addr = /([0-9a-f]{16}) [tT] riscv_timer_interrupt/.exec(syms)?.[1];
      expect(addr, syms).toBeDefined();
      const out = await gdb(await gdbPort(g), [
        `hbreak *0x${addr}`,
        'continue',
        'info registers',
        'print/x $pc',
        'print $priv',
        'print/x $satp',
        'x/2wx $pc',
        'delete',
        `break *0x${addr}`,
        'continue',
        'print/x $pc',
        'stepi',
        'print/x $pc',
        'detach',
      ]);
      expect(out).toMatch(new RegExp(`Hardware assisted breakpoint 1 at 0x${addr}`));
      expect(out).toMatch(new RegExp(`Breakpoint 1, 0x${addr} in`));
      expect(out).toMatch(/\nsp\s+0xff[0-9a-f]{14}\s/); // a kernel stack
      expect(out).toMatch(/\nra\s+0xffffffff8[0-9a-f]{7}\s/); // called from kernel text
      expect(out).toContain(`$1 = 0x${addr}`);
      expect(out).toContain('$2 = 1'); // the guest's (virtual) S-mode
      expect(out).toMatch(/\$3 = 0x[89][0-9a-f]{15}/); // Sv39 or Sv48 satp of the guest
      expect(out).toMatch(new RegExp(`0x${addr}:\\s+0x[0-9a-f]{8}\\s+0x[0-9a-f]{8}`)); // memory through its page tables
      expect(out).toMatch(new RegExp(`Breakpoint 2, 0x${addr} in`));
      expect(out).toContain(`$4 = 0x${addr}`);
      expect(out).toMatch(/\$5 = 0xffffffff8[0-9a-f]{7}/);
      expect(out).not.toContain(`$5 = 0x${addr}`); // the step moved on
      expect(out).toContain('[Inferior 1 (Remote target) detached]');
      // detached: the guest runs on
      expect(await g.sh('echo still here')).toContain('still here');
      g.send('poweroff -f');
      expect(await g.exited).toBe(0);
    } finally {
      g.kill();
    }
  }, 900_000);
});
