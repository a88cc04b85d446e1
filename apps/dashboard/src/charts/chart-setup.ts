// chart.js with only the pieces the dashboard draws (line and stacked bar charts on a linear tick axis, bars per round on a category axis) and the
// annotation plugin that marks lever changes.
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, Filler, annotationPlugin);
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font-family').trim() || 'sans-serif';
Chart.defaults.animation = false;

export { Chart };
