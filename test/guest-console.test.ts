// The console helper the boot tests wait with (test/support/guest-console.ts): a kernel message
// from another hart can land in the middle of a line a program writes, which CI once saw cut
// "rvisor: initramfs ready" in two under --smp 2.
import { describe, it, expect } from 'vitest';
import { TextConsole, withoutKernelMessages } from './support/guest-console';

class Fixed extends TextConsole {
  constructor(text: string) { super(); this.output = text; }
  send(): void {}
  protected alive(): boolean { return false; }
  protected describe(): string { return ''; }
}

describe('TextConsole.waitFor', () => {
  it('finds a line with a kernel message in the middle of it, and goes on after it', async () => {
    const c = new Fixed('boot\nrvisor: initramf[    3.060531] random: crng init done\r\ns ready\n/ # after\n');
    await expect(c.waitFor(/rvisor: initramfs ready/, 0)).resolves.toBeTruthy();
    const m = await c.waitFor(/\/ # (\w+)/, 0);
    expect(m[1]).toBe('after');
    await expect(c.waitFor(/rvisor: initramfs ready/, 0)).rejects.toThrow(/waited 0 ms/);
  });

  it('maps offsets in the text without kernel messages back to the text', () => {
    const text = 'ab[    1.5] x\ncd[ 2.25] y\r\nef';
    const w = withoutKernelMessages(text);
    expect(w.clean).toBe('abcdef');
    expect(text.slice(0, w.rawOffset(4))).toBe('ab[    1.5] x\ncd');
    expect(w.rawOffset(6)).toBe(text.length);
  });
});
