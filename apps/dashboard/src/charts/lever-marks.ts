// Lever changes as vertical lines on a chart (chartjs-plugin-annotation): a change applied from tick t is drawn
// between ticks t − 1 and t, labelled with the lever and its new value.
import type { AnnotationOptions } from 'chartjs-plugin-annotation';
import type { AppliedLever } from '../api/contracts';

export const LEVER_MARK_COLOUR = '#6a3d9a';

/** One annotation per lever change, keyed `lever-<n>` in the order they were applied. */
export function leverMarks(levers: readonly AppliedLever[], label: (lever: AppliedLever) => string, fontSize: number): Record<string, AnnotationOptions> {
  return Object.fromEntries(
    levers.map((lever, n) => [
      `lever-${n}`,
      {
        type: 'line',
        scaleID: 'x',
        value: lever.fromTick - 0.5,
        borderColor: LEVER_MARK_COLOUR,
        borderWidth: 2,
        borderDash: [6, 4],
        label: { display: true, content: label(lever), position: 'start', backgroundColor: LEVER_MARK_COLOUR, color: '#fff', font: { size: fontSize }, padding: 3 },
      } satisfies AnnotationOptions,
    ]),
  );
}
