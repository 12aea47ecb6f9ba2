// Consultation groups: proposeGroup over a county-wide pool of candidates — 10,000 × scale people,
// fixed members of every township and invited people of every category, with expertise and a few
// conflicts of interest. Reports the median of repeated runs after a warm-up.
import {
  type Candidate,
  type ConsultationParticipantCategory,
  type LocalDate,
  proposeGroup,
  referenceProfile,
  seededRandom,
  type Topic,
} from '@jiceng/domain';
import { report, timed } from '../../../scripts/bench-harness.js';

const CATEGORIES: readonly ConsultationParticipantCategory[] = [
  'party_congress_deputy',
  'peoples_congress_deputy',
  'mass_organisation',
  'grassroots_organisation_head',
  'enterprise_institution_head',
  'respected_resident',
  'official',
  'expert',
];
const TAGS = Array.from({ length: 40 }, (_, i) => `tag_${i}`);
const SUBJECTS = Array.from({ length: 20 }, (_, i) => `project_${i}`);
const TOWNSHIPS = Array.from({ length: 12 }, (_, i) => `T${String(i + 1).padStart(2, '0')}`);

export function candidatePool(size: number, seed = 2025): Candidate[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Candidate[] = [];
  for (let i = 0; i < size; i++) {
    const expertise = Array.from({ length: Math.floor(random() * 4) }, () => pick(TAGS));
    const interests =
      random() < 0.05
        ? [{ kind: pick(['contractor', 'supplier', 'affected_resident']), subject: pick(SUBJECTS) }]
        : [];
    const base = { id: `P${String(i).padStart(6, '0')}`, name: `候选人${i}`, expertise, interests };
    out.push(
      random() < 0.1
        ? { ...base, kind: 'fixed', township: pick(TOWNSHIPS) }
        : { ...base, kind: 'invited', category: pick(CATEGORIES) },
    );
  }
  // Shuffle, as rows arrive from a database without ORDER BY.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  // A database driver or a JSON body allocates each row in arrival order; doing the same keeps the
  // memory layout of the measured input realistic (as the trees bench does).
  return JSON.parse(JSON.stringify(out)) as Candidate[];
}

export async function run(scale: number): Promise<void> {
  // A pool below ~1,000 people may hold too few CPPCC members for a valid group at all.
  const size = Math.max(1000, Math.round(10_000 * scale));
  const candidates = candidatePool(size);
  const rules = referenceProfile.consultation;
  const topic: Topic = {
    id: 'T01-2026-1',
    township: 'T01',
    year: 2026,
    establishedOn: '2026-03-01' as LocalDate,
    title: '加快垃圾发电项目建设步伐',
    form: { kind: 'thematic', topicKind: 'public_concern' },
    tags: ['tag_1', 'tag_2', 'tag_3'],
    subjects: ['project_1', 'project_2'],
  };
  for (let i = 0; i < 5; i++) proposeGroup(topic, candidates, rules);
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const { seconds, result } = timed(() => proposeGroup(topic, candidates, rules));
    if (!result.ok) throw new Error(`bench pool cannot form a group: ${result.issues[0]?.message.en}`);
    times.push(seconds * 1000);
  }
  times.sort((a, b) => a - b);
  report('consultation.propose_group', times[Math.floor(times.length / 2)]!, 'ms');
}
