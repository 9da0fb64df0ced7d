import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './open-database.js';
import { StoreWriter, type StoreWriterOptions, type WriteReply, type WriteRequest } from './store-writer.js';

/** What the writer thread is started with. */
export interface WriterThreadData extends StoreWriterOptions {
  file: string;
  cacheMiB: number;
  maxRowsPerCommit: number;
  /** Least time between two commits: writes that arrive meanwhile join the next one (group commit window). */
  commitWindowMs: number;
  /** The same while only background writes wait (nobody waits on them; see WriteOptions). */
  backgroundCommitMs: number;
}

/** Messages from the request thread. */
export type WriterMessage = { type: 'write'; request: WriteRequest } | { type: 'close' };

/** Messages to the request thread. */
export type WriterEvent = { type: 'replies'; replies: WriteReply[] } | { type: 'closed' };

const port = parentPort;
if (port === null) throw new Error('writer-worker must run in a worker thread');
const data = workerData as WriterThreadData;
const database = openDatabase(data.file, { cacheMiB: data.cacheMiB });
const writer = new StoreWriter(database, data);
/**
 * Background writes wait for their window only while they hold fewer rows than this: enough to make a
 * commit's page writes worth it, and few enough that a busy gateway's log does not pile up in memory.
 */
const backgroundGroupRows = 256;
const pending: WriteRequest[] = [];
/** Rows pending, and how many pending requests someone waits on (not background). */
let pendingRows = 0;
let pendingUrgent = 0;
/** When the planned commit runs (performance.now() time; infinite when none is planned), and its timer when it waits. */
let plannedAt = Number.POSITIVE_INFINITY;
let timer: ReturnType<typeof setTimeout> | null = null;
let closing = false;
let lastCommitAt = 0;

function takeGroup(): WriteRequest[] {
  const group: WriteRequest[] = [];
  let rows = 0;
  while (pending.length > 0 && (group.length === 0 || rows + (pending[0]?.count ?? 0) <= data.maxRowsPerCommit)) {
    const request = pending.shift() as WriteRequest;
    rows += request.count;
    pendingRows -= request.count;
    if (!request.background) pendingUrgent -= 1;
    group.push(request);
  }
  return group;
}

function flush(): void {
  timer = null;
  plannedAt = Number.POSITIVE_INFINITY;
  const group = takeGroup();
  if (group.length > 0) {
    lastCommitAt = performance.now();
    port?.postMessage({ type: 'replies', replies: writer.writeGroup(group) } satisfies WriterEvent);
  }
  const moving = moveKeysWhenDue();
  if (pending.length > 0 || moving) schedule();
  else if (closing) finish();
}

/** When a key move may be tried again after one failed. */
let movesResumeAt = 0;

/**
 * Moves a chunk of keys when enough wait; true when more should move soon. A move that fails (another
 * connection held the write lock past the busy timeout) is tried again a second later: the keys stay
 * findable in recent_keys meanwhile, and the writer thread goes on writing.
 */
function moveKeysWhenDue(): boolean {
  if (closing || !writer.keysToMove || performance.now() < movesResumeAt) return false;
  try {
    writer.moveKeys();
    return writer.keysToMove;
  } catch {
    movesResumeAt = performance.now() + 1_000;
    return false;
  }
}

/**
 * Plans the next commit, or brings a planned one forward. A commit costs a WAL write of every page it
 * touched, however few rows it holds: under light load, waiting out the window lets writes that
 * arrive meanwhile share one commit; under heavy load a commit outlasts the window and the next
 * starts at once. While only background writes wait (the gateway's log), the window is longer.
 */
function schedule(): void {
  // With nothing pending the next turn is a key move, which waits only the ordinary window.
  const backgroundOnly = pending.length > 0 && pendingUrgent === 0 && pendingRows < backgroundGroupRows;
  const due = closing ? 0 : lastCommitAt + (backgroundOnly ? data.backgroundCommitMs : data.commitWindowMs);
  // Planned already, and no later than needed (or at once: the next turn of the event loop).
  const planned = plannedAt !== Number.POSITIVE_INFINITY;
  if (planned && (timer === null || due >= plannedAt)) return;
  if (timer !== null) clearTimeout(timer);
  plannedAt = due;
  const wait = due - performance.now();
  timer = wait > 0 ? setTimeout(flush, wait) : null;
  if (timer === null) setImmediate(flush);
}

function finish(): void {
  database.pragma('wal_checkpoint(TRUNCATE)');
  database.close();
  port?.postMessage({ type: 'closed' } satisfies WriterEvent);
  port?.close();
}

port.on('message', (message: WriterMessage) => {
  if (message.type === 'close') {
    closing = true;
    if (plannedAt === Number.POSITIVE_INFINITY) finish();
    else schedule();
    return;
  }
  pending.push(message.request);
  pendingRows += message.request.count;
  if (!message.request.background) pendingUrgent += 1;
  schedule();
});
