import { lazy } from 'react';

/**
 * Candidate pages that only some visits need, each in its own chunk: the
 * overview before Start (not on a reload mid-test), the receipt after
 * finishing. `prefetchOverview` starts its download alongside the request
 * that opens an invite, so a first visit waits for no extra round trip.
 */
const loadOverview = () => import('./Overview.tsx');

export const Overview = lazy(() => loadOverview().then((module) => ({ default: module.Overview })));
export const Receipt = lazy(() => import('./Receipt.tsx').then((module) => ({ default: module.Receipt })));

export function prefetchOverview(): void {
  void loadOverview().catch(() => {
    // Offline: the page that needs it will say so when it renders.
  });
}
