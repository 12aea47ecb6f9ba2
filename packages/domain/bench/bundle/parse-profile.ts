// Bundle entry: what a profile editor ships to check a county's YAML in the browser: parse it,
// resolve it against the reference profile, and show the rules in force on a date.
import { createProfileCatalog, parseProfileDocument, summarizeProfile } from '@jiceng/domain';

const text = (globalThis as { profileText?: string }).profileText ?? '';
const parsed = parseProfileDocument(text);
if (parsed.ok) {
  const catalog = createProfileCatalog([parsed.value]);
  if (catalog.ok) {
    const rules = catalog.value.profileAt(catalog.value.ids.at(-1) ?? 'reference', '2026-07-01');
    if (rules.ok) console.log(summarizeProfile(rules.value, 'zh').join('\n'));
  }
}
