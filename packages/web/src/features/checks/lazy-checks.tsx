import { lazy, Suspense, type ComponentProps } from 'react';
import { Loading } from '../../components/states.js';
import type { ItemCheckPanel } from './item-check-panel.js';
import './checks.css';

// The checks pages and the "make a check" form load on first use: the first page of the app stays small.
const ChecksOverview = lazy(() => import('./checks-page.js').then((module) => ({ default: module.ChecksOverviewPage })));
const TaskChecks = lazy(() => import('./task-checks-page.js').then((module) => ({ default: module.TaskChecksPage })));
const ItemCheck = lazy(() => import('./item-check-panel.js').then((module) => ({ default: module.ItemCheckPanel })));

/** `/checks`: every task's checks at a glance (loaded on first visit). */
export function ChecksOverviewRoute() {
  return (
    <Suspense fallback={<Loading label="Loading checks…" />}>
      <ChecksOverview />
    </Suspense>
  );
}

/** `/checks/:task`: one task's criteria, checks, suggestions and online evaluation (loaded on first visit). */
export function TaskChecksRoute({ task }: { task: string }) {
  return (
    <Suspense fallback={<Loading label={`Loading the checks of ${task}…`} />}>
      <TaskChecks task={task} />
    </Suspense>
  );
}

/** "Make a check" from the item under review, over the review screen (loaded when first opened). */
export function MakeCheckFromItem(props: ComponentProps<typeof ItemCheckPanel>) {
  return (
    <Suspense
      fallback={
        <div className="drawer-backdrop">
          <aside className="drawer"><Loading label="Opening the check form…" /></aside>
        </div>
      }
    >
      <ItemCheck {...props} />
    </Suspense>
  );
}
