// Hart state lives in linear memory at the fixed offsets of abi.ts, so the host can read and
// write it directly and switching harts is a block copy. This file holds the accessors and the
// few module globals the core keeps for itself (configuration and derived state).
import {
  HART_X, HART_PC, HART_PRIV, HART_CSR, HART_MIP_HW, CSR_SLOT_MSTATUS,
  CSR_SLOT_MIP_SW,
} from './abi';

// ---- configuration, set by init() ----
export let ramBase: u64 = 0x80000000; // guest-physical address of RAM
export let ramSize: u64 = 0; // bytes
export let ramPages: u32 = 0;
export let icountShift: i32 = -1; // < 0: time follows the host clock; else ns per insn = 1 << shift
export let tohostAddr: u64 = 0; // HTIF tohost address (0 = none); the page is never store-cached
export let fromhostAddr: u64 = 0;
// The running guest (set by setGuest; bare mode: one guest, identity map, set 0):
export let mapBase: u32 = 0; // address of the frame-map entry of guest-physical ramBase
export let setLo: u32 = 0; // its TLB sets are setLo .. setLo + setCount - 1
export let setCount: u32 = 1;
export let trapMode: bool = false; // GUEST_TRAP: guest S/U deprivileged under the hypervisor
export let wpMode: bool = false; // GUEST_WP: shadow coherence by write-protected page tables

export function setGuestState(map: u32, lo: u32, count: u32, trap: bool, wp: bool): void {
  mapBase = map;
  setLo = lo;
  setCount = count;
  trapMode = trap;
  wpMode = wp;
}

export function setRam(base: u64, size: u64): void {
  ramBase = base;
  ramSize = size;
  ramPages = <u32>(size >> 12);
}
export function setIcount(shift: i32): void { icountShift = shift; }
export function setHtif(tohost: u64, fromhost: u64): void { tohostAddr = tohost; fromhostAddr = fromhost; }

// ---- pending exception, raised by memory and CSR helpers and taken by the interpreter ----
// Guest traps never use `throw` (it would abort the module): helpers record the cause and
// tval here and return; the interpreter checks `memStatus` after each memory access.
export const MEM_OK: u32 = 0;
export const MEM_TRAP: u32 = 1; // pendingCause/pendingTval describe an exception
export const MEM_EXIT: u32 = 2; // the access left wasm (MMIO or HTIF); see the exit record
export let memStatus: u32 = MEM_OK;
export let pendingCause: u64 = 0;
export let pendingTval: u64 = 0;

@inline export function raise(cause: u64, tval: u64): void {
  memStatus = MEM_TRAP;
  pendingCause = cause;
  pendingTval = tval;
}

// ---- register and CSR accessors ----
@inline export function getX(r8: u32): u64 { return load<u64>(r8, HART_X); }
@inline export function setX(r8: u32, v: u64): void { store<u64>(r8, v, HART_X); }
@inline export function getCsr(slot: u32): u64 { return load<u64>(HART_CSR + slot); }
@inline export function setCsr(slot: u32, v: u64): void { store<u64>(HART_CSR + slot, v); }
@inline export function getPriv(): i32 { return load<i32>(HART_PRIV); }
@inline export function setPrivRaw(p: i32): void { store<u64>(HART_PRIV, <u64>p); }
@inline export function getPc(): u64 { return load<u64>(HART_PC); }
@inline export function setPc(v: u64): void { store<u64>(HART_PC, v); }
@inline export function mstatus(): u64 { return getCsr(CSR_SLOT_MSTATUS); }
@inline export function mip(): u64 { return getCsr(CSR_SLOT_MIP_SW) | load<u64>(HART_MIP_HW); }
