import { RawHttpConnection } from './raw-http-client.js';

/** Latencies (ms) of the answered requests and how many answers were not 200. */
export interface LoadResult {
  latenciesMs: number[];
  failures: number;
  seconds: number;
}

const nowMs = (): number => Number(process.hrtime.bigint()) / 1e6;

async function openConnections(port: number, count: number): Promise<RawHttpConnection[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const connection = new RawHttpConnection(port);
      await connection.open();
      return connection;
    }),
  );
}

/** Closed loop: `connections` keep-alive connections each send the next request as soon as the last answer arrived. */
export async function closedLoop(port: number, request: Buffer, connections: number, seconds: number): Promise<LoadResult> {
  const pool = await openConnections(port, connections);
  const latenciesMs: number[] = [];
  let failures = 0;
  const started = nowMs();
  const until = started + seconds * 1000;
  await Promise.all(
    pool.map(async (connection) => {
      while (nowMs() < until) {
        const sent = nowMs();
        try {
          const answer = await connection.send(request);
          latenciesMs.push(nowMs() - sent);
          if (answer.status !== 200) failures += 1;
        } catch {
          failures += 1;
          connection.close();
          await connection.open();
        }
      }
    }),
  );
  pool.forEach((connection) => connection.close());
  return { latenciesMs, failures, seconds: (nowMs() - started) / 1000 };
}

/**
 * Open loop: requests are due at a fixed rate whatever the answers do, and each latency is counted
 * from the time the request was due (not when it was sent), so that a stall is not hidden by the
 * requests it held back (coordinated omission). Connections are added when all are busy.
 */
export async function openLoop(port: number, request: Buffer, ratePerSecond: number, seconds: number): Promise<LoadResult> {
  const idle = await openConnections(port, 16);
  const latenciesMs: number[] = [];
  let failures = 0;
  let outstanding = 0;
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  const started = nowMs();
  let next = 0;
  const send = async (due: number) => {
    outstanding += 1;
    const connection = idle.pop() ?? new RawHttpConnection(port);
    try {
      if (connection.isClosed) await connection.open();
      const answer = await connection.send(request);
      latenciesMs.push(nowMs() - due);
      if (answer.status !== 200) failures += 1;
      idle.push(connection);
    } catch {
      failures += 1;
      connection.close();
    } finally {
      outstanding -= 1;
    }
  };
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = nowMs();
      while (next < total && started + next * interval <= now) {
        void send(started + next * interval);
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, started + next * interval - nowMs()));
      else resolve();
    };
    tick();
  });
  while (outstanding > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  idle.forEach((connection) => connection.close());
  return { latenciesMs, failures, seconds: (nowMs() - started) / 1000 };
}
