// Letting timers, I/O and input callbacks run between slices of guest execution: Node's
// setImmediate, else (browsers, workers) a MessageChannel message, which is a macrotask without
// setTimeout's 4 ms clamp for nested timers (that clamp alone would cost a sixth of a 25 ms slice).
type Immediate = (f: () => void) => void;

function channelImmediate(): Immediate | null {
  if (typeof MessageChannel !== 'function') return null;
  const ch = new MessageChannel();
  const queue: (() => void)[] = [];
  ch.port1.onmessage = () => { queue.shift()?.(); };
  return (f) => { queue.push(f); ch.port2.postMessage(0); };
}

const immediate: Immediate =
  typeof (globalThis as { setImmediate?: unknown }).setImmediate === 'function'
    ? (f) => (globalThis as unknown as { setImmediate: Immediate }).setImmediate(f)
    : channelImmediate() ?? ((f) => { setTimeout(f, 0); });

export const yieldToEventLoop: () => Promise<void> = () => new Promise((r) => immediate(r));
