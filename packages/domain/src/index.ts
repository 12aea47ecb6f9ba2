/**
 * @jiceng/domain — the rules of grassroots governance as pure, browser-safe functions.
 *
 * Every export is listed in its area's `index.ts`; this entry gathers the areas.
 */

export * from './calendar/index.js';
export * from './consultation/index.js';
export * from './cppcc/index.js';
export * from './grid/index.js';
export * from './onboarding/index.js';
export * from './org/index.js';
export * from './org-life/index.js';
export * from './personal/index.js';
export * from './points/index.js';
export * from './profiles/index.js';
export * from './shared/index.js';
