import { Client, type CombinedError, fetchExchange, gql } from '@urql/core';
import type { Language, LocalizedText } from './i18n.js';

/**
 * The GraphQL side of the dashboard: one urql client, the documents it sends and the shapes of
 * their results. The gateway caps every query's cost, so the page asks in several small queries
 * (the street, then each community's grids when opened) rather than one deep one.
 */

/** Where the gateway answers: same origin by default (Vite's proxy in development). */
export const GRAPHQL_URL: string = import.meta.env['VITE_JICENG_GRAPHQL_URL'] ?? '/graphql';

export function createApiClient(options: {
  readonly url?: string;
  readonly token: () => string | undefined;
  readonly language: () => Language;
}): Client {
  return new Client({
    url: options.url ?? GRAPHQL_URL,
    // No document cache: a dashboard shows what the gateway says now, and every view refetches.
    exchanges: [fetchExchange],
    // The gateway refuses GET without a CSRF header, and the test's proxy only forwards POST.
    preferGetMethod: false,
    fetchOptions: () => {
      const token = options.token();
      return {
        headers: {
          // The gateway's refusals come back in the language it is asked in.
          'accept-language': options.language() === 'zh' ? 'zh-CN' : 'en',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
      };
    },
  });
}

/** A refusal code of the gateway (`extensions.code`), when the error carries one. */
export function errorCode(error: CombinedError): string | undefined {
  for (const e of error.graphQLErrors) {
    const code = e.extensions['code'];
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The first message the gateway sent, in the language asked for, or the network problem. */
export function errorMessage(error: CombinedError): string {
  return error.graphQLErrors[0]?.message ?? error.networkError?.message ?? error.message;
}

// ---------------------------------------------------------------- viewer and scope

export interface Viewer {
  readonly subject: string;
  readonly role: string;
  readonly scope: string;
  readonly name: string | null;
}

export interface NodeRef {
  readonly code: string;
  readonly name: string;
  readonly level: string;
}

export interface ViewerData {
  readonly viewer: Viewer;
  readonly myScope: NodeRef & {
    /** administrative or party: a party organisation has no grid figures. */
    readonly kind: string;
    readonly levelName: LocalizedText;
    readonly children: {
      readonly edges: readonly {
        readonly node: NodeRef & { readonly statistics: { readonly grids: number } | null };
      }[];
    };
  };
}

export const ViewerQuery = gql<ViewerData, Record<string, never>>`
  query DashboardViewer {
    viewer { subject role scope name }
    myScope {
      code name level kind levelName { zh en }
      children(first: 50) { edges { node { code name level statistics { grids } } } }
    }
  }
`;

// ---------------------------------------------------------------- the street

export interface ResolutionTimes {
  readonly count?: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

export interface StreetStatistics {
  readonly asOf: string;
  readonly grids: number;
  readonly households: number;
  readonly workers: number;
  readonly partyMembers: number;
  readonly partyOrganisations: number;
  readonly requests: {
    readonly total: number;
    readonly open: number;
    readonly overdue: number;
    readonly escalated: number;
    readonly resolvedLate: number;
    readonly byType: readonly {
      readonly type: string;
      readonly count: number;
      readonly name: LocalizedText;
    }[];
    readonly byStatus: readonly {
      readonly status: string;
      readonly count: number;
      readonly name: LocalizedText;
    }[];
    readonly timeToResolve: ResolutionTimes;
  };
}

export interface UnitStatistics {
  readonly grids: number;
  readonly households: number;
  readonly workers: number;
  readonly partyMembers: number;
  readonly partyOrganisations: number;
  readonly requests: {
    readonly total: number;
    readonly open: number;
    readonly overdue: number;
    readonly timeToResolve: ResolutionTimes;
  };
}

export interface StreetData {
  readonly street: NodeRef & {
    readonly levelName: LocalizedText;
    readonly statistics: StreetStatistics | null;
  };
  readonly communities: {
    readonly children: {
      readonly totalCount: number;
      readonly edges: readonly { readonly node: NodeRef & { readonly statistics: UnitStatistics | null } }[];
    };
  };
}

export const StreetQuery = gql<StreetData, { code: string }>`
  query DashboardStreet($code: String!) {
    street: orgNode(code: $code) {
      code name level levelName { zh en }
      statistics {
        asOf grids households workers partyMembers partyOrganisations
        requests {
          total open overdue escalated resolvedLate
          byType { type count name { zh en } }
          byStatus { status count name { zh en } }
          timeToResolve { count medianHours p90Hours }
        }
      }
    }
    communities: orgNode(code: $code) {
      children(first: 50) {
        totalCount
        edges {
          node {
            code name level
            statistics {
              grids households workers partyMembers partyOrganisations
              requests { total open overdue timeToResolve { medianHours p90Hours } }
            }
          }
        }
      }
    }
  }
`;

export interface GridRow {
  readonly code: string;
  readonly name: string;
  readonly households: number;
  readonly team: readonly { readonly id: string; readonly name: string; readonly isPartyMember: boolean }[];
  readonly statistics: UnitStatistics | null;
}

export interface GridsData {
  readonly grids: { readonly totalCount: number; readonly edges: readonly { readonly node: GridRow }[] };
}

export const GridsQuery = gql<GridsData, { community: string }>`
  query DashboardGrids($community: String!) {
    grids(community: $community, first: 50) {
      totalCount
      edges {
        node {
          code name households
          team { id name isPartyMember }
          statistics {
            grids households workers partyMembers partyOrganisations
            requests { total open overdue timeToResolve { medianHours p90Hours } }
          }
        }
      }
    }
  }
`;

// ---------------------------------------------------------------- overdue requests

export interface OverdueRequest {
  readonly id: string;
  readonly type: string;
  readonly status: string;
  readonly statusName: LocalizedText;
  readonly gridCode: string;
  readonly grid: { readonly name: string } | null;
  readonly dueDate: string;
  readonly level: string;
  readonly levelName: LocalizedText;
  readonly reportedAt: string;
  readonly summary: string;
  readonly reporter: {
    readonly masked: boolean;
    readonly name: string | null;
    readonly phone: string | null;
  } | null;
  readonly sla: { readonly overdueWorkingDays: number; readonly level: string };
}

export interface OverdueData {
  readonly overdueRequests: {
    readonly totalCount: number;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
    readonly edges: readonly { readonly node: OverdueRequest }[];
  };
}

export const OverdueQuery = gql<OverdueData, { scope: string; after?: string | null }>`
  query DashboardOverdue($scope: String, $after: String) {
    overdueRequests(scope: $scope, first: 20, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id type status statusName { zh en }
          gridCode grid { name }
          dueDate level levelName { zh en } reportedAt summary
          reporter { masked name phone }
          sla { overdueWorkingDays level }
        }
      }
    }
  }
`;

// ---------------------------------------------------------------- consultations

export const CONSULTATION_STATUSES = [
  'pre_consultation',
  'research',
  'plan',
  'meeting',
  'report',
  'completed',
] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export interface ConsultationRow {
  readonly id: string;
  readonly status: ConsultationStatus;
  readonly statusName: LocalizedText;
  readonly township: string;
  readonly year: number;
  readonly liaisonGroup: { readonly townshipName: string } | null;
  readonly topic: { readonly title: string; readonly form: string; readonly kindName: LocalizedText };
  readonly timeline: { readonly reportDueOn: string | null; readonly reportLate: boolean };
}

type Count = { readonly totalCount: number };

export type ConsultationsData = { readonly [S in ConsultationStatus]: Count } & {
  readonly list: {
    readonly totalCount: number;
    readonly edges: readonly { readonly node: ConsultationRow }[];
  };
};

// Counted by the database per stage (one alias each), listed up to 50.
export const ConsultationsQuery = gql<ConsultationsData, Record<string, never>>`
  query DashboardConsultations {
    pre_consultation: consultations(status: pre_consultation, first: 1) { totalCount }
    research: consultations(status: research, first: 1) { totalCount }
    plan: consultations(status: plan, first: 1) { totalCount }
    meeting: consultations(status: meeting, first: 1) { totalCount }
    report: consultations(status: report, first: 1) { totalCount }
    completed: consultations(status: completed, first: 1) { totalCount }
    list: consultations(first: 50) {
      totalCount
      edges {
        node {
          id status statusName { zh en } township year
          liaisonGroup { townshipName }
          topic { title form kindName { zh en } }
          timeline { reportDueOn reportLate }
        }
      }
    }
  }
`;
