export { type CliIo, runCli } from './cli/run.js';
