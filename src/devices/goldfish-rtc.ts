// Google's goldfish RTC, as on QEMU's virt machine at 0x10_1000 (Linux: rtc-goldfish). Time is
// nanoseconds since the Unix epoch; reading TIME_LOW latches TIME_HIGH so a 64-bit value can
// be read in two 32-bit halves. The alarm raises the interrupt line when the clock passes it.
import type { IrqLine, MmioDevice } from './device';

const TIME_LOW = 0x00;
const TIME_HIGH = 0x04;
const ALARM_LOW = 0x08;
const ALARM_HIGH = 0x0c;
const IRQ_ENABLED = 0x10;
const CLEAR_ALARM = 0x14;
const ALARM_STATUS = 0x18;
const CLEAR_INTERRUPT = 0x1c;

export interface GoldfishRtcState { offsetNs: string; alarm: string; alarmArmed: boolean; irqEnabled: boolean; pending: boolean }

export class GoldfishRtc implements MmioDevice {
  readonly name = 'goldfish-rtc';
  private offsetNs = 0n; // guest time minus host time (the guest may set the clock)
  private latchedHigh = 0;
  private alarmHigh = 0;
  private alarm = 0n;
  private alarmArmed = false;
  private irqEnabled = false;
  private pending = false;

  // `nowNs` is the host's wall clock in nanoseconds since the epoch.
  constructor(private readonly nowNs: () => bigint, private readonly irq: IrqLine = () => {}) {}

  private time(): bigint { return this.nowNs() + this.offsetNs; }

  // Called by the machine now and then so the alarm fires without a guest access.
  poll(): void {
    if (this.alarmArmed && this.time() >= this.alarm) {
      this.alarmArmed = false;
      this.pending = true;
      this.irq(this.irqEnabled);
    }
  }

  read(offset: number, _size: number): number {
    this.poll();
    switch (offset) {
      case TIME_LOW: {
        const t = this.time();
        this.latchedHigh = Number((t >> 32n) & 0xffff_ffffn);
        return Number(t & 0xffff_ffffn);
      }
      case TIME_HIGH: return this.latchedHigh;
      case ALARM_LOW: return Number(this.alarm & 0xffff_ffffn);
      case ALARM_HIGH: return Number((this.alarm >> 32n) & 0xffff_ffffn);
      case IRQ_ENABLED: return this.irqEnabled ? 1 : 0;
      case ALARM_STATUS: return this.alarmArmed ? 1 : 0;
      default: return 0;
    }
  }

  write(offset: number, _size: number, value: number): void {
    const v = BigInt(value >>> 0);
    switch (offset) {
      case TIME_LOW: { // setting the clock: high half first (as Linux does), then low
        const t = (BigInt(this.latchedHigh) << 32n) | v;
        this.offsetNs = t - this.nowNs();
        return;
      }
      case TIME_HIGH: this.latchedHigh = value >>> 0; return;
      case ALARM_HIGH: this.alarmHigh = value >>> 0; return;
      case ALARM_LOW: // writing the low half arms the alarm
        this.alarm = (BigInt(this.alarmHigh) << 32n) | v;
        this.alarmArmed = true;
        this.poll();
        return;
      case IRQ_ENABLED: this.irqEnabled = (value & 1) !== 0; this.irq(this.irqEnabled && this.pending); return;
      case CLEAR_ALARM: this.alarmArmed = false; return;
      case CLEAR_INTERRUPT: this.pending = false; this.irq(false); return;
      default: return;
    }
  }

  saveState(): GoldfishRtcState {
    return { offsetNs: this.offsetNs.toString(), alarm: this.alarm.toString(), alarmArmed: this.alarmArmed, irqEnabled: this.irqEnabled, pending: this.pending };
  }

  loadState(s: unknown): void {
    const st = s as GoldfishRtcState;
    this.offsetNs = BigInt(st.offsetNs);
    this.alarm = BigInt(st.alarm);
    this.alarmArmed = st.alarmArmed;
    this.irqEnabled = st.irqEnabled;
    this.pending = st.pending;
  }
}
