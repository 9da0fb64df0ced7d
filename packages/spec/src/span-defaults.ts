// What a span gets when its caller names no task or environment (plain values, no schemas).

/** The task a span gets when its caller names none. */
export const defaultTask = 'default';

/** The environment a span gets when its caller names none. */
export const defaultEnvironment = 'prod';
