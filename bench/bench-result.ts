/** One measured figure, with the baseline measured in the same run when it is a comparison. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** The baseline of this figure, measured in the same run. */
  baseline?: { label: string; value: number };
  /** What the issue asks, in words (e.g. "≥ 20,000 spans/s"), and whether this run met it. */
  goal?: { text: string; met: boolean };
}

/** What one benchmark reports. */
export interface BenchResult {
  name: string;
  figures: Figure[];
  notes: string[];
}

/** A benchmark: `bench/<name>.bench.ts` exports `bench` of this type; `npm run bench` runs them all (or those named). */
export interface Bench {
  name: string;
  /** What it measures, one sentence. */
  summary: string;
  run(): Promise<BenchResult>;
}
