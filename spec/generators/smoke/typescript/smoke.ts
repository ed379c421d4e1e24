// Smoke test of the TypeScript (typescript-fetch) client generated from spec/vault-raft.openapi.yaml,
// against a real server. Compiled with `tsc --strict` together with the generated sources.
//
// Reads VAULT_ADDR and VAULT_TOKEN like the vault CLI, and VAULTX_SERVER_FLAVOUR (openbao or vault) for
// the promote/demote checks; exits non-zero on the first failed check. Run by scripts/client-smoke.sh
// (and so by GeneratedClientsIT in `mvn -ntp verify`).
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import * as zlib from "node:zlib";
import { Configuration, ErrorResponseFromJSON, RaftApi, ResponseError } from "./client/src";

let passed = 0;

function check(ok: boolean, what: string): void {
  if (!ok) {
    console.log(`typescript smoke: FAILED: ${what}`);
    process.exit(1);
  }
  passed++;
  console.log(`typescript smoke: ok: ${what}`);
}

// The base path is VAULT_ADDR plus /v1 (typescript-fetch has no server variables). The token is the one
// apiKey; a namespace would be a per-call `xVaultNamespace` or the configuration's `headers`.
function api(addr: string, token: string, headers?: Record<string, string>): RaftApi {
  return new RaftApi(new Configuration({ basePath: `${addr}/v1`, apiKey: token, headers }));
}

/** Status and Vault's own messages of a failed call. */
async function refusal(call: Promise<unknown>): Promise<{ status: number; errors: string[] }> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ResponseError) {
      const body: unknown = await e.response.json();
      return { status: e.response.status, errors: ErrorResponseFromJSON(body).errors };
    }
    throw e;
  }
  return { status: 0, errors: ["the call succeeded"] };
}

/** The name and size of the last entry of a gzipped tar file. */
function lastTarEntry(file: string): { name: string; size: number } {
  const tar = zlib.gunzipSync(fs.readFileSync(file));
  let last = { name: "", size: 0 };
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(header.subarray(124, 136).toString("utf8").replace(/\0.*$/s, "").trim(), 8);
    last = { name, size };
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return last;
}

async function main(): Promise<void> {
  const addr = process.env.VAULT_ADDR!;
  const token = process.env.VAULT_TOKEN!;
  const raft = api(addr, token);

  // The call of issue 27: a token and no namespace (the token once went out as X-Vault-Namespace too).
  const config = (await raft.readRaftConfiguration({})).data.config;
  check(config.servers.length >= 1, `configuration lists ${config.servers.length} servers`);
  check(config.servers.filter((s) => s.leader).length === 1, "exactly one leader in the configuration");
  check(config.servers.every((s) => s.nodeId && s.address), "every server has nodeId and address");

  const state = (await raft.readRaftAutopilotState({ xVaultToken: token })).data;
  const leader = state.servers[state.leader];
  check(leader !== undefined, `autopilot leader ${state.leader} is among its servers`);
  check(state.voters.every((v) => v in state.servers), `voters ${state.voters} are servers`);
  check(/^\d{4}-\d\d-\d\dT[^Z+]*\.\d+/.test(leader.stableSince), `stableSince stays RFC 3339 text: ${leader.stableSince}`);
  check(typeof leader.lastContact === "string", `lastContact is a Go duration string: ${leader.lastContact}`);

  const autopilot = (await raft.readRaftAutopilotConfiguration({ xVaultToken: token })).data;
  check(autopilot.deadServerLastContactThreshold.endsWith("s"), "durations are Go duration strings");
  check(autopilot.maxTrailingLogs > 0, `maxTrailingLogs ${autopilot.maxTrailingLogs}`);

  // The DR-token parameter is the call's token: a configured token must never replace it.
  const dr = await refusal(raft.readRaftAutopilotState({ xVaultToken: "bogus-dr-operation-token" }));
  check(dr.status === 403 && dr.errors.some((m) => m.includes("permission denied")), `a bogus DR token is refused: ${dr.status} ${JSON.stringify(dr.errors)}`);

  // takeRaftSnapshot() would buffer a Blob; the raw response's body streams to the file.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ts-smoke-"));
  try {
    const file = path.join(dir, "raft.snap");
    const response = (await raft.takeRaftSnapshotRaw({})).raw;
    check(response.status === 200 && response.body !== null, `snapshot answers ${response.status}`);
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream), fs.createWriteStream(file));
    const last = lastTarEntry(file);
    check(last.name === "SHA256SUMS.sealed" && last.size > 0,
      `snapshot of ${fs.statSync(file).size} bytes streamed to a file ends with a non-empty SHA256SUMS.sealed`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const enterprise = await refusal(raft.readRaftAutoSnapshotConfig({ name: "smoke" }));
  // OpenBao's router says "unsupported path", Vault CE's Enterprise stub "enterprise-only feature".
  check(enterprise.status === 404 && enterprise.errors.some((m) => m.includes("unsupported path") || m.includes("enterprise-only feature")),
    `Enterprise-only call: 404 ${JSON.stringify(enterprise.errors)}`);

  const bad = await refusal(api(addr, "not-a-token").readRaftConfiguration({}));
  check(bad.status === 403 && bad.errors.some((m) => m.includes("permission denied")), `bad token: ${bad.status} ${JSON.stringify(bad.errors)}`);

  await promoteAndDemote(raft, config.servers.find((s) => !s.leader)?.nodeId);
  await namespaceIsItsOwnHeader();
  console.log(`typescript smoke: ${passed} passed, 0 failed`);
}

// OpenBao serves promote and demote (issue 17); HashiCorp Vault refuses both as an unsupported path.
async function promoteAndDemote(raft: RaftApi, follower: string | undefined): Promise<void> {
  const flavour = process.env.VAULTX_SERVER_FLAVOUR;
  if (flavour !== "openbao" && flavour !== "vault") {
    console.log("typescript smoke: promote/demote not checked: set VAULTX_SERVER_FLAVOUR to openbao or vault");
    return;
  }
  check(follower !== undefined, `a follower to demote: ${follower}`);
  const serverId = { serverId: follower! };
  if (flavour === "vault") {
    for (const call of [raft.demoteRaftPeer({ raftServerIdRequest: serverId }), raft.promoteRaftPeer({ raftServerIdRequest: serverId })]) {
      const r = await refusal(call);
      check(r.status === 404 && r.errors.some((m) => m.includes("unsupported path")), `promote/demote refused by Vault: ${r.status} ${JSON.stringify(r.errors)}`);
    }
    return;
  }
  await raft.demoteRaftPeer({ raftServerIdRequest: serverId });
  const again = await refusal(raft.demoteRaftPeer({ raftServerIdRequest: serverId }));
  check(again.status === 500 && again.errors.some((m) => m.includes("already a non-voter")), `demoted ${follower}; a second demote: ${again.status} ${JSON.stringify(again.errors)}`);
  await raft.promoteRaftPeer({ raftServerIdRequest: serverId });
  const unknown = await refusal(raft.promoteRaftPeer({ raftServerIdRequest: { serverId: "no-such-node" } }));
  check(unknown.status === 500 && unknown.errors.some((m) => m.includes("not found in raft configuration")), `promoted ${follower}; an unknown id: ${unknown.status} ${JSON.stringify(unknown.errors)}`);
  // Autopilot applies the promotion a moment later; the next test must find three voters again.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const servers = (await raft.readRaftConfiguration({})).data.config.servers;
    if (servers.find((s) => s.nodeId === follower)?.voter) break;
    check(Date.now() < deadline, `${follower} is a voter again within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  check(true, `${follower} is a voter again`);
}

// On a local recorder: no namespace header unless one is given, then exactly the one given.
async function namespaceIsItsOwnHeader(): Promise<void> {
  const seen: http.IncomingHttpHeaders[] = [];
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    paths.push(req.url ?? "");
    res.writeHead(404, { "Content-Type": "application/json" }).end('{"errors":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  const local = api(`http://127.0.0.1:${port}`, "t");
  await refusal(local.readRaftConfiguration({}));
  await refusal(local.readRaftConfiguration({ xVaultNamespace: "team-a" }));
  await refusal(api(`http://127.0.0.1:${port}`, "t", { "X-Vault-Namespace": "team-b" }).readRaftAutopilotState({ xVaultToken: "dr" }));
  server.close();
  check(seen[0]["x-vault-token"] === "t" && seen[0]["x-vault-namespace"] === undefined && paths[0] === "/v1/sys/storage/raft/configuration",
    `a call without a namespace sends the token alone to {vault_addr}/v1 (${paths[0]})`);
  check(seen[1]["x-vault-namespace"] === "team-a" && seen[1]["x-vault-token"] === "t", "X-Vault-Namespace and X-Vault-Token are sent");
  check(seen[2]["x-vault-namespace"] === "team-b", "a namespace in the configuration's headers goes out on every call");
  // Node joins repeated headers with ", ": one value means the configured token was not sent too.
  check(seen[2]["x-vault-token"] === "dr", `the DR token is sent as given, and alone: ${seen[2]["x-vault-token"]}`);
}

main().catch((e: unknown) => {
  console.log(`typescript smoke: FAILED: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
