/** The time source of jobs, schedules and review days; tests hand in their own. */
export interface Clock {
  now(): number;
}

/** The wall clock. */
export const systemClock: Clock = { now: () => Date.now() };
