// The load side of the flood benchmark (flood.bench.ts), in a process of its own so its work never
// delays the probes' timings: 50 connections send the street dashboard query with the flooder's
// token for the given seconds. Arguments: url, token, seconds. Prints autocannon's result as one
// JSON line when the flood ends.
import autocannon from 'autocannon';

const DASHBOARD = `query Dashboard {
  myScope {
    code name statistics { grids households workers partyMembers partyOrganisations }
    children(first: 10) { edges { node { code name
      statistics { grids households workers partyMembers }
      children(first: 10) { edges { node { code name statistics { workers partyMembers partyOrganisations } } } }
    } } }
  }
  partyMembers(scope: "330102001", first: 100) { totalCount edges { node { code name branch yearTotal(year: 2025) } } }
}`;

const [url, token, seconds] = process.argv.slice(2);
const result = await autocannon({
  url: `${url}/graphql`,
  method: 'POST',
  connections: 50,
  duration: Number(seconds),
  timeout: 10,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: DASHBOARD }),
});
process.stdout.write(`${JSON.stringify(result)}\n`);
