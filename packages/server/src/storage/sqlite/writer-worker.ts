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
const pending: WriteRequest[] = [];
let scheduled = false;
let closing = false;
let lastCommitAt = 0;

function takeGroup(): WriteRequest[] {
  const group: WriteRequest[] = [];
  let rows = 0;
  while (pending.length > 0 && (group.length === 0 || rows + (pending[0]?.count ?? 0) <= data.maxRowsPerCommit)) {
    const request = pending.shift() as WriteRequest;
    rows += request.count;
    group.push(request);
  }
  return group;
}

function flush(): void {
  scheduled = false;
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

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A commit costs a WAL write of every page it touched, however few rows it holds: under light load,
  // waiting out the window lets writes that arrive meanwhile share one commit. Under heavy load a
  // commit outlasts the window and the next starts at once.
  const wait = closing ? 0 : lastCommitAt + data.commitWindowMs - performance.now();
  if (wait > 0) setTimeout(flush, wait);
  else setImmediate(flush);
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
    if (!scheduled) finish();
    return;
  }
  pending.push(message.request);
  schedule();
});
