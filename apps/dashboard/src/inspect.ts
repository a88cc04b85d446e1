// A handle on what the page has drawn, at `window.silolabDashboard`: the chart.js charts by name and the network's
// renderer (its sigma instance, the graph sigma draws, the silos outlined). Browser tests and the bench read rendered
// state through it; it changes nothing.
import type { Chart } from 'chart.js';
import type { NetworkRenderer } from './network/network-renderer';

export interface DashboardHandle {
  charts: Record<string, Chart>;
  network: NetworkRenderer | null;
}

declare global {
  interface Window {
    silolabDashboard: DashboardHandle;
  }
}

window.silolabDashboard = { charts: {}, network: null };

export const inspectHandle = window.silolabDashboard;
