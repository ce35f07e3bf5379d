/**
 * The six steps of the programmatic network approach, in the order an initiative walks them,
 * followed by the terminal `dissolved`: a network exists only as long as it adds value.
 */
export const PHASES = ['explore', 'define', 'co-design', 'pilot', 'integrate', 're-legitimise', 'dissolved'] as const;
export type Phase = (typeof PHASES)[number];
