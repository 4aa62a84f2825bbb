// Connects the guest's UART to this process's terminal. On a tty: raw mode, Ctrl-A X quits,
// Ctrl-A Ctrl-A sends one Ctrl-A (QEMU's escapes). Otherwise stdin is piped to the guest as is.
import type { Machine } from '../machine/machine';

const CTRL_A = 0x01;

export function attachConsole(m: Machine): () => void {
  const stdin = process.stdin;
  const tty = stdin.isTTY === true;
  let escape = false;
  const onData = (chunk: Buffer) => {
    if (!tty) { m.input(chunk); return; }
    const out: number[] = [];
    for (const b of chunk) {
      if (escape) {
        escape = false;
        if (b === 0x78 || b === 0x58) { m.stop(); return; } // x: quit
        if (b === CTRL_A) out.push(CTRL_A);
        continue;
      }
      if (b === CTRL_A) { escape = true; continue; }
      out.push(b);
    }
    if (out.length) m.input(Uint8Array.from(out));
  };
  if (tty) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.on('error', () => {});
  stdin.unref?.();
  return () => {
    stdin.off('data', onData);
    if (tty) stdin.setRawMode(false);
    stdin.pause();
  };
}
