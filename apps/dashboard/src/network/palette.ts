// Colours: one per system (条), strong enough to tell apart on a projector (Tableau 10, then the same hues again),
// and the pale version of each for the silo outlines.

const SYSTEM_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The colour of system `index`. */
export function systemColour(index: number): string {
  return SYSTEM_COLOURS[index % SYSTEM_COLOURS.length];
}

/** `colour` (#rrggbb) at `alpha` as rgba(). */
export function withAlpha(colour: string, alpha: number): string {
  const value = Number.parseInt(colour.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** Ties that cross a system line are drawn dark: they are the ones that break silos. */
export const CROSS_SYSTEM_TIE = '#333333';
