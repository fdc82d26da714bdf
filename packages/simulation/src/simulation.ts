// The simulation engine: a discrete-event loop on the simulation clock. Staff start shifts at
// their team's activation box (hardware keys) or by logging in (phones), walk or drive their
// routes and open doors with the real protocol; alarms come in and the alarm patrol answers;
// batteries drain and are changed on a daily round; keys get lost and are blocked. Everything
// observable is emitted as a typed event (simulation-events.ts).
import type { Lock, Phone } from '@portvakt/devices';
import { hexToBytes } from '@portvakt/protocol';
import type { District, Point, ShiftName } from './district';
import { shiftHours } from './district';
import type { DeviceFactoryOptions, DistrictDevices, HeldDevice } from './district-devices';
import {
  createDistrictDevices,
  createHeldDevice,
  endHolderShift,
  startHolderShift,
} from './district-devices';
import { LockLessons } from './door-opening';
import { EventQueue } from './event-queue';
import { SeededRandom } from './random';
import type { PlannedStop } from './shift-planning';
import { assignRoutes, rosterFor, travelSeconds, visitsFor } from './shift-planning';
import type { Pacer } from './simulation-clock';
import type { SimulationOptions } from './simulation-options';
import { immediatePacer } from './simulation-clock';
import type { SimulationEvent, SimulationListener } from './simulation-events';
import type { ShiftRun, Step, Stop } from './simulation-steps';
import { planDay } from './simulation-steps';

const daySeconds = 86400;
const openingSeconds = 20;

export class DistrictSimulation {
  private readonly queue = new EventQueue<Step>();
  private readonly listeners = new Set<SimulationListener>();
  private readonly random: SeededRandom;
  private readonly lessons: LockLessons;
  private readonly active = new Map<number, ShiftRun>();
  private readonly pacer: Pacer;
  private isStopped = false;
  private hasStarted = false;
  private readonly lostDevices = new Map<string, HeldDevice>();

  private constructor(
    private readonly options: SimulationOptions,
    readonly devices: DistrictDevices,
    private readonly factory: DeviceFactoryOptions,
    random: SeededRandom,
  ) {
    this.random = random;
    this.lessons = new LockLessons((lock) => devices.lockNumbers.get(lock) ?? lock.lockNumber);
    this.pacer = options.pacer ?? immediatePacer;
  }

  /** Builds and enrols the district's devices and schedules the first day. */
  static async create(options: SimulationOptions): Promise<DistrictSimulation> {
    const random = new SeededRandom((options.seed ?? options.district.seed) ^ 0x5bd1e995);
    const factory: DeviceFactoryOptions = {
      district: options.district,
      issuer: options.issuer,
      world: options.clock,
      random: random.fork(1),
      pinIterations: options.pinIterations ?? 1000,
    };
    const devices = await createDistrictDevices(factory);
    const simulation = new DistrictSimulation(options, devices, factory, random);
    const start = options.clock.now();
    simulation.queue.push(start, { type: 'day', dayStart: Math.floor(start / daySeconds) * daySeconds });
    const losses = options.losses;
    if (losses) {
      const lossRandom = random.fork(2);
      for (let i = 0; i < losses.count; i++)
        simulation.queue.push(start + Math.round(lossRandom.between(losses.from, losses.until)), {
          type: 'lose',
        });
    }
    return simulation;
  }

  get district(): District {
    return this.options.district;
  }

  get now(): number {
    return this.options.clock.now();
  }

  lock(lockNumber: number): Lock {
    const lock = this.devices.locks.get(lockNumber);
    if (!lock) throw new Error(`no lock ${lockNumber}`);
    return lock;
  }

  /**
   * Every lock's state now: the block-list version it holds and its charge. A live view starts
   * from this and follows the `block-list-learned` and `battery` events.
   */
  lockStates(): { lock: number; property: string; blockListVersion: number; batteryPercent: number }[] {
    return [...this.devices.locks.entries()].map(([number, lock]) => ({
      lock: number,
      property: this.district.properties[this.district.locks[number - 1]!.property]!.id,
      blockListVersion: lock.blockListVersion,
      batteryPercent: lock.battery.percent,
    }));
  }

  /** Listens to the event stream; returns a function that stops listening. */
  subscribe(listener: SimulationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops a run between two events (a live run's Ctrl-C). */
  stop(): void {
    this.isStopped = true;
  }

  /** Runs every event up to and including `time`, pacing with the pacer; then the clock is at `time`. */
  async runUntil(time: number): Promise<void> {
    const clock = this.options.clock;
    for (;;) {
      const next = this.queue.peekTime();
      if (this.isStopped || next === undefined || next > time) break;
      const { item } = this.queue.pop()!;
      await this.pacer.wait(next - clock.now());
      if (this.isStopped) break;
      clock.moveTo(next);
      await this.handle(item);
    }
    if (!this.isStopped && clock.now() < time) {
      await this.pacer.wait(time - clock.now());
      clock.moveTo(time);
    }
  }

  private emit(event: SimulationEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private later(seconds: number, step: Step): void {
    this.queue.push(this.now + Math.max(0, Math.round(seconds)), step);
  }

  private async handle(step: Step): Promise<void> {
    switch (step.type) {
      case 'day':
        return this.startDay(step.dayStart);
      case 'shift-start':
        return this.startShift(step.team, step.shift, step.dayStart);
      case 'next':
        return this.goOn(step.run);
      case 'arrive':
        return this.arrive(step.run, step.stop);
      case 'end':
        return this.endShift(step.run);
      case 'duty-ends':
        return this.endDuty(step.run);
      case 'alarm':
        return this.raiseAlarm(step.customer);
      case 'lose':
        return this.markLoss();
      case 'block':
        return this.block(step.staff, step.lost);
      case 'battery-round':
        return this.changeBatteries();
    }
  }

  private startDay(dayStart: number): void {
    const isFirstDay = !this.hasStarted;
    this.hasStarted = true;
    const steps = planDay(this.district, dayStart, this.now, isFirstDay, this.random, this.options.alarmRate);
    for (const { at, step } of steps) this.queue.push(at, step);
  }

  private async startShift(teamIndex: number, shift: ShiftName, dayStart: number): Promise<void> {
    const district = this.district;
    const team = district.teams[teamIndex]!;
    const started: number[] = [];
    for (const s of rosterFor(district, teamIndex, shift, Math.floor(dayStart / daySeconds))) {
      const previous = this.active.get(s);
      if (previous) {
        // Never skipped silently: a run that did not end would keep its member off every later
        // shift (the alarm patrol once waited for alarms forever after its first shift).
        this.emitStillOnShift(s, teamIndex, shift, previous);
        continue;
      }
      if (await this.activate(s, teamIndex, shift)) started.push(s);
    }
    const stops = visitsFor(district, teamIndex, shift, dayStart, this.random).filter(
      (stop) => stop.plannedAt >= this.now,
    );
    const routes = assignRoutes(district, team, started, stops, this.now + 600);
    for (const s of started) {
      const run: ShiftRun = {
        staff: s,
        team: teamIndex,
        shift,
        endsAt: dayStart + shiftHours[shift].end,
        at: team.base,
        route: routes.get(s)!.map((stop) => ({ ...stop, kind: 'visit' as const })),
        // Busy until its first step: an alarm raised before then joins the route instead of
        // starting a second one.
        isBusy: true,
        isEnded: false,
        willLoseKey: false,
      };
      this.active.set(s, run);
      this.later(600, { type: 'next', run });
      // An alarm patrol waits for alarms with nothing planned; its shift ends at the shift's end.
      if (team.kind === 'alarm')
        this.queue.push(Math.max(run.endsAt, this.now + 600), { type: 'duty-ends', run });
    }
  }

  private emitStillOnShift(
    staffIndex: number,
    teamIndex: number,
    shift: ShiftName,
    previous: ShiftRun,
  ): void {
    const held = this.devices.held[staffIndex]!;
    this.emit({
      type: 'shift-started',
      at: this.now,
      staff: this.district.staff[staffIndex]!.id,
      team: this.district.teams[teamIndex]!.id,
      shift,
      holder: held.kind,
      keyId: held.keyId,
      mode: 'refused',
      reason: `still on the ${previous.shift} shift`,
      blockListVersion: held.holder.blockListVersion,
    });
  }

  /** The end of an alarm patrol's shift: one waiting for alarms heads back; one on an alarm ends after it. */
  private async endDuty(run: ShiftRun): Promise<void> {
    if (!run.isEnded && !run.isBusy && run.route.length === 0) await this.goOn(run);
  }

  /** Activation at the box (hardware key) or app login (phone); returns whether the shift can start. */
  private async activate(staffIndex: number, teamIndex: number, shift: ShiftName): Promise<boolean> {
    const member = this.district.staff[staffIndex]!;
    const team = this.district.teams[teamIndex]!;
    const held = this.devices.held[staffIndex]!;
    const { mode, reason } = await startHolderShift(held, this.devices.boxes[teamIndex]!, member);
    this.emit({
      type: 'shift-started',
      at: this.now,
      staff: member.id,
      team: team.id,
      shift,
      holder: held.kind,
      keyId: held.keyId,
      mode,
      ...(reason ? { reason } : {}),
      blockListVersion: held.holder.blockListVersion,
    });
    return mode !== 'refused';
  }

  private placeOf(customer: number): Point {
    return this.district.properties[this.district.customers[customer]!.property]!.at;
  }

  /** Leaves the current place for the next stop, or heads home when the route is done. */
  private async goOn(run: ShiftRun): Promise<void> {
    run.isBusy = false;
    const team = this.district.teams[run.team]!;
    if (run.willLoseKey) {
      run.willLoseKey = false;
      this.loseKey(run);
    }
    const stop = run.route.shift();
    if (!stop) {
      if (team.kind === 'alarm' && this.now < run.endsAt) return; // waits for alarms
      this.later(Math.max(travelSeconds(team, run.at, team.base), run.endsAt - this.now), {
        type: 'end',
        run,
      });
      run.isBusy = true;
      return;
    }
    run.isBusy = true;
    const place = stop.kind === 'spare' ? team.base : this.placeOf(stop.customer);
    const travel = travelSeconds(team, run.at, place);
    const earliest = stop.kind === 'visit' && stop.raisedAt === undefined ? stop.plannedAt - 900 : 0;
    this.queue.push(Math.max(this.now + travel, earliest), { type: 'arrive', run, stop });
  }

  private async arrive(run: ShiftRun, stop: Stop): Promise<void> {
    const district = this.district;
    const team = district.teams[run.team]!;
    if (stop.kind === 'spare') {
      run.at = team.base;
      const held = await createHeldDevice(this.factory, run.staff);
      this.devices.held[run.staff] = held;
      const member = district.staff[run.staff]!;
      this.emit({
        type: 'key-replaced',
        at: this.now,
        staff: member.id,
        holder: held.kind,
        keyId: held.keyId,
      });
      await this.activate(run.staff, run.team, run.shift);
      this.later(300, { type: 'next', run });
      return;
    }
    const customer = district.customers[stop.customer]!;
    run.at = this.placeOf(stop.customer);
    if (stop.raisedAt !== undefined)
      this.emit({
        type: 'alarm-answered',
        at: this.now,
        customer: customer.id,
        staff: district.staff[run.staff]!.id,
        responseSeconds: this.now - stop.raisedAt,
      });
    const arrivedAt = this.now;
    let isInside = true;
    for (const lockNumber of [customer.entranceLock, customer.doorLock]) {
      if (lockNumber === undefined) continue;
      if (!(await this.openDoor(run, lockNumber, stop.purpose, stop.customer))) {
        isInside = false;
        break;
      }
    }
    const departedAt = arrivedAt + openingSeconds * 2 + (isInside ? stop.durationSeconds : 120);
    this.emit({
      type: 'visit',
      at: this.now,
      customer: customer.id,
      staff: district.staff[run.staff]!.id,
      purpose: stop.purpose,
      plannedAt: stop.raisedAt ?? stop.plannedAt,
      departedAt,
      isInside,
    });
    const held = this.devices.held[run.staff]!;
    if (this.options.isPhoneUploadAfterVisit && held.kind === 'phone')
      // A failed upload waits for the next one (records stay queued on the phone).
      await (held.holder as Phone).uploadRecords().catch(() => undefined);
    this.queue.push(departedAt, { type: 'next', run });
  }

  private async openDoor(
    run: ShiftRun,
    lockNumber: number,
    purpose: PlannedStop['purpose'],
    customer: number,
  ): Promise<boolean> {
    const held = this.devices.held[run.staff]!;
    const lock = this.lock(lockNumber);
    const spec = this.district.locks[lockNumber - 1]!;
    const { result, events } = await this.lessons.open(held.holder, lock, () => this.now);
    this.emit({
      type: 'opening',
      at: this.now,
      lock: lockNumber,
      property: this.district.properties[spec.property]!.id,
      customer: this.district.customers[customer]!.id,
      staff: this.district.staff[run.staff]!.id,
      holder: held.kind,
      keyId: held.keyId,
      purpose,
      isOpen: result.isOpen,
      ...(result.isOpen ? {} : { reason: result.reason }),
    });
    for (const event of events) this.emit(event);
    return result.isOpen;
  }

  private async endShift(run: ShiftRun): Promise<void> {
    if (run.isEnded) return;
    run.isEnded = true;
    this.active.delete(run.staff);
    const held = this.devices.held[run.staff]!;
    const uploaded = await endHolderShift(held, this.devices.stations[run.team]!);
    this.emit({
      type: 'shift-ended',
      at: this.now,
      staff: this.district.staff[run.staff]!.id,
      team: this.district.teams[run.team]!.id,
      recordsUploaded: uploaded,
    });
  }

  private raiseAlarm(customerIndex: number): void {
    const customer = this.district.customers[customerIndex]!;
    this.emit({ type: 'alarm-raised', at: this.now, customer: customer.id });
    const place = this.placeOf(customerIndex);
    let best: ShiftRun | undefined;
    let bestAt = Infinity;
    for (const run of this.active.values()) {
      if (run.team !== customer.alarmTeam || run.isEnded || this.now >= run.endsAt) continue;
      const team = this.district.teams[run.team]!;
      // Queued alarms first; each about 45 minutes with the drive.
      const availableAt = this.now + (run.isBusy ? 1800 : 0) + run.route.length * 2700;
      const at = availableAt + travelSeconds(team, run.at, place);
      if (at < bestAt) [best, bestAt] = [run, at];
    }
    if (!best) {
      this.emit({ type: 'alarm-unanswered', at: this.now, customer: customer.id });
      return;
    }
    best.route.push({
      kind: 'visit',
      customer: customerIndex,
      purpose: 'alarm',
      plannedAt: this.now,
      raisedAt: this.now,
      durationSeconds: this.random.int(15, 50) * 60,
    });
    if (!best.isBusy) {
      best.isBusy = true;
      this.later(0, { type: 'next', run: best });
    }
  }

  /** Picks someone on shift who will drop their key when leaving their current customer. */
  private markLoss(): void {
    const candidates = [...this.active.values()]
      .filter((run) => !run.isEnded && !run.willLoseKey && run.route.length > 0)
      .sort((a, b) => a.staff - b.staff);
    if (candidates.length === 0) return;
    this.random.pick(candidates).willLoseKey = true;
  }

  private loseKey(run: ShiftRun): void {
    const lost = this.devices.held[run.staff]!;
    const member = this.district.staff[run.staff]!;
    this.lostDevices.set(lost.keyId, lost);
    this.emit({ type: 'key-lost', at: this.now, staff: member.id, holder: lost.kind, keyId: lost.keyId });
    const delay = this.options.reportDelay ?? { min: 900, max: 3600 };
    this.later(this.random.int(delay.min, delay.max), { type: 'block', staff: run.staff, lost });
    run.route.unshift({ kind: 'spare' });
  }

  private async block(staffIndex: number, lost: HeldDevice): Promise<void> {
    const version = await this.options.issuer.blockKey(hexToBytes(lost.keyId));
    const claims = this.lessons.claimsOf(lost.holder);
    const isValid = claims !== undefined && claims.expiresAt > this.now;
    this.emit({
      type: 'key-blocked',
      at: this.now,
      staff: this.district.staff[staffIndex]!.id,
      holder: lost.kind,
      keyId: lost.keyId,
      version,
      ticketExpiresAt: isValid ? claims.expiresAt : null,
      activatedUntil:
        isValid && lost.holder.activationTime > 0
          ? Math.min(lost.holder.activationTime + claims.shiftSeconds, claims.expiresAt)
          : null,
      locks: isValid
        ? claims.locks.flatMap((grant) => {
            const number = this.devices.districtLockNumber.get(grant.lock);
            return number === undefined ? [] : [number];
          })
        : [],
    });
  }

  private changeBatteries(): void {
    const threshold = this.options.replaceBelowPercent ?? 5;
    for (const [number, lock] of this.devices.locks) {
      if (lock.battery.percent > threshold) continue;
      lock.replaceBattery();
      this.lessons.noteBattery(lock);
      this.emit({ type: 'battery-replaced', at: this.now, lock: number });
    }
  }

  /** A lost key or phone, for tests that try it at a door (a finder's attempt). */
  lostDevice(keyId: string): HeldDevice | undefined {
    return this.lostDevices.get(keyId);
  }
}
