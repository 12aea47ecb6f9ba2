import type { DivisionCodeIssueCode } from './division-code.js';
import type { FunctionalGroupIssueCode } from './functional-groups.js';
import type { OrgQueryErrorCode } from './issues.js';
import type { TreeLinkIssueCode } from './links.js';
import type { StationedUnitIssueCode } from './stationed-units.js';
import type { OrgTreeIssueCode } from './tree.js';

// The union sits above the files whose codes it gathers: issues.ts holds the helpers those files
// share, and importing their code types there closed a loop through every file of the area.

/** Every code the organisation area reports: the public contract, listed in docs/trees.md. */
export type OrgIssueCode =
  | OrgTreeIssueCode
  | TreeLinkIssueCode
  | DivisionCodeIssueCode
  | FunctionalGroupIssueCode
  | StationedUnitIssueCode
  | OrgQueryErrorCode;
