// A department's numbers, shown while the pointer is on its node: its line and region, its silo, its points,
// perceived risk and penalties, what it delivered in the last tick, and its main partners in the window.
import { t } from '../i18n/i18n';
import type { RunShown } from '../run/run-session';

const percent = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value * 100)} %`);
const number = (value: number | undefined) => (value === undefined ? '–' : String(Math.round(value * 100) / 100));

export function DepartmentPanel({ session, index }: { session: RunShown; index: number }) {
  const world = session.world.value;
  const latest = session.latest.value;
  const department = world?.departments[index];
  if (!world || !department) return null;
  const figures = latest?.departments;
  const partners: Array<{ other: number; flow: number }> = [];
  if (latest) {
    latest.ties.source.forEach((source, i) => {
      const target = latest.ties.target[i];
      if (source === index || target === index) partners.push({ other: source === index ? target : source, flow: latest.ties.flow[i] });
    });
    partners.sort((a, b) => b.flow - a.flow);
  }
  const rows: Array<[string, string]> = [
    [t('network.department.system'), world.systems[department.system]],
    [t('network.department.region'), world.regions[department.region]],
    [t('network.department.community'), latest ? `#${latest.communityOf[index]}` : '–'],
    [t('network.department.points'), number(figures?.points[index])],
    [t('network.department.perceivedRisk'), percent(figures?.perceivedRisk[index])],
    [t('network.department.penalties'), number(figures?.penalties[index])],
    [t('network.department.delivered'), number(figures?.delivered[index])],
    [t('network.department.security'), percent(department.securityCapability)],
    [t('network.department.partners'), partners.length ? partners.slice(0, 4).map((p) => `${world.departments[p.other]?.id} (${number(p.flow)})`).join(', ') : t('network.department.none')],
  ];
  return (
    <aside class="department-panel" data-department={department.id}>
      <h3>{department.id}</h3>
      <dl>
        {rows.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
