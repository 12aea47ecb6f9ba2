/** How the county is named in a refusal of a county-wide act (replace a tree, save a profile). */
export const COUNTY = { zh: '本县', en: 'this county' } as const;
