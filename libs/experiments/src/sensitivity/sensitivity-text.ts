// A sensitivity analysis as the terminal shows it: per metric, the parameters ranked by ST (Sobol) or μ* (Morris).
import type { SensitivityAnalysis } from '@silolab/research';

const fmt = (x: number) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 1000 ? x.toFixed(0) : Number(x.toPrecision(3)).toString());

/** The ranking tables, one per metric, with intervals and what they rest on. */
export function formatSensitivity(analysis: SensitivityAnalysis): string {
  const level = Math.round(analysis.confidence * 100);
  const sobol = analysis.method === 'sobol';
  const lines: string[] = [];
  for (const note of analysis.notes) {
    const rows = analysis.rows.filter((r) => r.metric === note.metric);
    const parameters = [...new Set(rows.map((r) => r.parameter))].sort((a, b) => rows.find((r) => r.parameter === a)!.rank - rows.find((r) => r.parameter === b)!.rank);
    const noise = Number.isFinite(note.noiseShare) ? `; seed noise ${Math.round(100 * note.noiseShare)} % of the variance of the point means` : '';
    lines.push('', `  ${note.metric} — ${sobol ? `Sobol indices over ${note.units} Saltelli rows` : `Morris elementary effects over ${note.units} trajectories`}${noise}`);
    const head = sobol ? ['rank', 'parameter', 'ST', `${level} % CI`, 'S1', `${level} % CI`] : ['rank', 'parameter', 'μ*', `${level} % CI`, 'μ', 'σ'];
    const body = parameters.map((parameter) => {
      const pick = (index: string) => rows.find((r) => r.parameter === parameter && r.index === index)!;
      if (sobol) {
        const [st, s1] = [pick('ST'), pick('S1')];
        return [String(st.rank), parameter, fmt(st.estimate), `[${fmt(st.ciLow)}, ${fmt(st.ciHigh)}]`, fmt(s1.estimate), `[${fmt(s1.ciLow)}, ${fmt(s1.ciHigh)}]`];
      }
      const [star, mu, sigma] = [pick('muStar'), pick('mu'), pick('sigma')];
      return [String(star.rank), parameter, fmt(star.estimate), `[${fmt(star.ciLow)}, ${fmt(star.ciHigh)}]`, fmt(mu.estimate), fmt(sigma.estimate)];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    for (const row of [head, ...body]) lines.push('    ' + row.map((cell, i) => (i === 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  }
  return lines.join('\n');
}
