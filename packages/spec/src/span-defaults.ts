// What a span gets when its caller names no task or environment (plain values, no schemas).

/** The task a span gets when its caller names none. */
export const defaultTask = 'default';

/** The environment a span gets when its caller names none. */
export const defaultEnvironment = 'prod';

/** The environment of the gateway's shadow calls (a copy of a production call sent to a candidate model). */
export const shadowEnvironment = 'shadow';

/** The environment of the model calls genchi makes itself (judges, suggested criteria). */
export const evalEnvironment = 'eval';

/**
 * Environments whose spans genchi writes, not the application: shadow calls, experiments and its own
 * judge calls. A task's figures leave them out unless a query names one (they would count each
 * mirrored or judged call twice, at another model's latency and cost).
 */
export const genchiEnvironments: readonly string[] = [shadowEnvironment, 'experiment', evalEnvironment];
