// Where the pager keeps pages it took out of real memory. The pager chooses slot numbers
// (small integers, reused after free) and always moves whole pages; a store only keeps bytes
// per slot. Calls are synchronous: the faulting guest waits. Reading a slot that holds
// nothing is a pager bug, so stores throw on it. The Node file store is in src/node.
//
// (An IndexedDB store would be asynchronous; it fits behind this interface once the pager can
// suspend a fault, e.g. as a write-behind cache in front of a MemoryBackingStore.)
export interface BackingStore {
  write(slot: number, data: Uint8Array): void; // keeps a copy of data for slot
  read(slot: number, into: Uint8Array): void; // fills `into` with what slot holds
  free(slot: number): void; // slot's contents are no longer needed
}

// Pages kept in JavaScript memory (browsers, tests).
export class MemoryBackingStore implements BackingStore {
  private readonly slots = new Map<number, Uint8Array>();
  writes = 0;
  reads = 0;

  // Slots holding data now.
  get slotsInUse(): number { return this.slots.size; }
  get bytes(): number { let n = 0; for (const d of this.slots.values()) n += d.length; return n; }
  has(slot: number): boolean { return this.slots.has(slot); }

  write(slot: number, data: Uint8Array): void {
    checkSlot(slot);
    const old = this.slots.get(slot);
    if (old && old.length === data.length) old.set(data);
    else this.slots.set(slot, data.slice());
    this.writes++;
  }

  read(slot: number, into: Uint8Array): void {
    const d = this.slots.get(slot);
    if (!d) throw new Error(`backing store slot ${slot} holds nothing`);
    if (d.length !== into.length) throw new RangeError(`backing store slot ${slot} holds ${d.length} bytes, ${into.length} asked`);
    into.set(d);
    this.reads++;
  }

  free(slot: number): void {
    if (!this.slots.delete(slot)) throw new Error(`backing store slot ${slot} freed but holds nothing`);
  }
}

export function checkSlot(slot: number): void {
  if (!Number.isInteger(slot) || slot < 0) throw new RangeError(`bad backing store slot ${slot}`);
}
