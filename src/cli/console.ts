// Connects the guest's UART to this process's stdin and stdout, with QEMU's escapes as its
// -nographic console has them, on a terminal (put in raw mode) and on piped stdin alike:
// Ctrl-A X quits, Ctrl-A C opens the monitor (monitor.ts), Ctrl-A Ctrl-A or Ctrl-A A sends
// one Ctrl-A to the guest; Ctrl-A followed by anything else is dropped.
import type { Machine } from '../machine/machine';
import { monitorCommand, type GuestList } from './monitor';
import type { MemoryTotals } from '../hypervisor/real-memory';

const CTRL_A = 0x01;

export function attachConsole(target: Machine | (() => Machine), onQuit?: () => void, guests?: GuestList, memory?: () => MemoryTotals): () => void {
  // Under the hypervisor a guest that reboots is a new machine: look it up on every use.
  const current = () => (typeof target === 'function' ? target() : target);
  const quit = onQuit ?? (() => current().stop());
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  let escape = false;
  let monitor: string | null = null; // the line being typed while the monitor is open
  const monitorInput = (b: number) => {
    if (b === 0x0d || b === 0x0a) {
      const line = monitor ?? '';
      process.stdout.write('\r\n');
      const r = monitorCommand(current(), line, guests, memory);
      process.stdout.write(r.output.replace(/\n/g, '\r\n'));
      if (r.then === 'quit') { quit(); monitor = null; return; }
      if (r.then === 'resume') { monitor = null; current().resume(); return; }
      monitor = '';
      if (r.pending) void r.pending.then((text) => process.stdout.write(`${text}\r\n(rvisor) `));
      else process.stdout.write('(rvisor) ');
    } else if (b === 0x7f || b === 0x08) {
      if (monitor) { monitor = monitor.slice(0, -1); process.stdout.write('\b \b'); }
    } else if (b >= 0x20 && b < 0x7f) {
      monitor += String.fromCharCode(b);
      process.stdout.write(String.fromCharCode(b));
    }
  };
  const onData = (chunk: Buffer) => {
    const out: number[] = [];
    for (const b of chunk) {
      if (monitor !== null) { monitorInput(b); continue; }
      if (escape) {
        escape = false;
        if (b === 0x78 || b === 0x58) { quit(); return; } // x: quit
        if (b === 0x63 || b === 0x43) { // c: monitor; the guest is paused meanwhile
          current().pause();
          monitor = '';
          process.stdout.write('\r\nrvisor monitor (help for commands)\r\n(rvisor) ');
          continue;
        }
        if (b === CTRL_A || b === 0x61 || b === 0x41) out.push(CTRL_A); // a: QEMU's "send Ctrl-A"
        continue;
      }
      if (b === CTRL_A) { escape = true; continue; }
      out.push(b);
    }
    if (out.length) current().input(Uint8Array.from(out));
  };
  if (tty) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.resume(); // after a guest reboot the stream was paused by the previous detach
  stdin.on('error', () => {});
  stdin.unref?.();
  return () => {
    stdin.off('data', onData);
    if (tty) stdin.setRawMode(false);
    stdin.pause();
  };
}
