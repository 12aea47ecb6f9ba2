import 'reflect-metadata';

export { annotateWorkbook, ISSUES_SHEET } from './application/onboarding/annotate.js';
export {
  type ImportRegistersCommand,
  type ImportReport,
  importRegisters,
  listRegisterImports,
  MAX_ISSUES,
  type SheetReport,
} from './application/onboarding/import.js';
export { writeRegisterTemplate } from './application/onboarding/template.js';
export {
  type Book,
  type BookRow,
  type BookSheet,
  type ImportFile,
  openBook,
  UnreadableFileError,
} from './application/onboarding/workbook.js';
export {
  authoriseReport,
  REPORT_KINDS,
  type ReportInput,
  type ReportKind,
  type ReportRequest,
  reportFileName,
  reportRequestOf,
  writeReport,
} from './application/reports/catalog.js';
export { type ExportOptions, exportRegisters } from './application/reports/registers.js';
export {
  type ReportCell,
  type ReportColumn,
  type ReportSheet,
  writeReportWorkbook,
} from './application/reports/workbook.js';
export {
  createOidcVerifier,
  OIDC_ALGORITHMS,
  type OidcAlgorithm,
  type OidcConfig,
  oidcConfigFromEnv,
} from './auth/oidc.js';
export {
  ACTIONS,
  type Action,
  type ActionRule,
  type Decision,
  decide,
  type MemberRef,
  POLICY,
  RECORDER_OF,
  type Refusal,
  type Resource,
  type ResourceOf,
  roleDecision,
  type ScopeRule,
  SIGNED_IN_ROLES,
} from './auth/policy.js';
export { type Principal, PUBLIC, ROLES, type Role } from './auth/principal.js';
export {
  createTokenService,
  createTokenVerifier,
  TokenError,
  type TokenKeySource,
  type TokenProblem,
  type TokenService,
  type TokenVerifier,
  tokenKeyFromEnv,
  weakSecretRule,
} from './auth/tokens.js';
export { calendarEventsFromIcs, type IcsIssueCode, MAX_ICS_BYTES } from './calendar/ics.js';
export { type CalendarImport, type CalendarImportInput, importCalendar } from './calendar/import.js';
export { type CalendarWarning, calendarWarnings } from './calendar/status.js';
export type { CliIo } from './cli/io.js';
export { runCli } from './cli/run.js';
export type {
  AccessLog,
  AccessLogEntry,
  GatewayContext,
  GatewayServices,
  RequestLoaders,
} from './kernel/context.js';
export { createRequestLoaders } from './kernel/context.js';
export { GatewayError, type GatewayErrorCode } from './kernel/errors.js';
export type { Open311Settings } from './open311/routes.js';
export { buildGatewaySchema, gatewaySchemaSdl } from './schema/index.js';
export { createGateway, DEFAULT_LIMITS, type GatewayOptions, type QueryLimits } from './server/app.js';
export { personalDataKeysFromEnv } from './server/data-keys.js';
export {
  type EscalationOptions,
  type EscalationSweeper,
  startEscalationSweeps,
} from './server/escalation.js';
export { redactUrl } from './server/log-redaction.js';
export {
  ConfigurationError,
  type ConfigurationRule,
  type RuntimeMode,
  runtimeModeOf,
} from './server/mode.js';
export type { ErrorLogger } from './server/responses.js';
export { localTokens, type SecretsConfig, secretsFromEnv, tokenVerifierOf } from './server/secrets.js';
export { createGatewayServices, type ServiceOptions, stderrAccessLog } from './server/services.js';
export { type RunningServer, StartError, type StartOptions, startServer } from './server/start.js';
export { chinaDate } from './time.js';
