import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Message } from "../../core/diagnostics.ts";
import { CHARTS_END, CHARTS_START, DIFF_MARKER, GITHUB_COMMENT_LIMIT } from "../../core/diff/formatDiffMarkdown.ts";
import { diffMessages } from "../../core/diff/messages.ts";
import type { CommandIo } from "./check.ts";

const USAGE = `usage: runfolio comment <file> [--artifact <name>] [--site-url <url>] [--charts-artifact <name>]

Posts <file> (written by \`runfolio diff --md --out <file>\`) as the pull request's Runfolio
comment, or updates that comment when it exists: it is found by a hidden marker, so a pull request
has one living comment, never one per push. Runs in a GitHub Actions pull_request workflow; needs
GITHUB_TOKEN with \`pull-requests: write\`.

  --artifact <name>   the built site was uploaded as this artifact of the workflow run (linked)
  --site-url <url>    the built site is published here (a pr-<n>/ preview on a Pages branch)
  --charts-artifact <name>
                      the diff's PNG charts (<file>-charts/) were uploaded as this artifact: a
                      comment cannot show local images, so each chart is named and this linked
`;

export interface CommentDeps {
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown>; text(): Promise<string> }>;
  readFile: (file: string) => Promise<string>;
}

const defaultDeps: CommentDeps = { fetch: (url, init) => fetch(url, init), readFile: (file) => readFile(file, "utf8") };

interface GitHubContext {
  api: string;
  repository: string;
  pr: number;
  token: string;
  runUrl: string | null;
}

class CommentError extends Error {
  readonly m: Message;
  constructor(m: Message) {
    super(m.message);
    this.m = m;
  }
}

async function githubContext(env: CommandIo["env"], deps: CommentDeps): Promise<GitHubContext> {
  for (const name of ["GITHUB_TOKEN", "GITHUB_REPOSITORY", "GITHUB_EVENT_PATH"] as const) {
    if (!env[name]) throw new CommentError(diffMessages.commentContext(name));
  }
  const event = JSON.parse(await deps.readFile(env.GITHUB_EVENT_PATH!)) as { pull_request?: { number?: unknown }; number?: unknown };
  const pr = event.pull_request?.number ?? event.number;
  if (typeof pr !== "number") throw new CommentError(diffMessages.commentContext("a pull request number in the event (GITHUB_EVENT_PATH)"));
  const server = env.GITHUB_SERVER_URL ?? "https://github.com";
  return {
    api: (env.GITHUB_API_URL ?? "https://api.github.com").replace(/\/$/, ""),
    repository: env.GITHUB_REPOSITORY!,
    pr,
    token: env.GITHUB_TOKEN!,
    runUrl: env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : null,
  };
}

/** The link line under the diff: where the pull request's built site is. */
export function siteLine(runUrl: string | null, artifact: string | null, siteUrl: string | null): string {
  const run = runUrl ? `[workflow run](${runUrl})` : "the workflow run";
  if (siteUrl) return `**Built site:** [preview of this pull request](${siteUrl}) · ${run}`;
  if (artifact) return `**Built site:** artifact \`${artifact}\` of ${runUrl ? `[this workflow run](${runUrl}#artifacts)` : "this workflow run"} (download and unzip it).`;
  return `No site was built for this pull request; see ${run}.`;
}

/**
 * The diff's charts section as a comment shows it: GitHub cannot show the images `runfolio diff`
 * linked by relative path, so each becomes its file name, and one line says where the files are.
 */
export function chartsForComment(diff: string, runUrl: string | null, artifact: string | null): string {
  const start = diff.indexOf(CHARTS_START);
  const end = diff.indexOf(CHARTS_END, start);
  if (start < 0 || end < 0) return diff;
  const run = runUrl ? `[this workflow run](${runUrl}#artifacts)` : "this workflow run";
  const where = artifact
    ? `The charts are PNG files in the artifact \`${artifact}\` of ${run} (download and unzip it).`
    : "The charts are PNG files beside the markdown `runfolio diff --md --out` wrote; this workflow did not upload them.";
  const inner = diff.slice(start + CHARTS_START.length, end).replace(/!\[[^\]\n]*\]\(([^)\s]+)\)/g, (_, file: string) => `\`${file.split("/").pop()!.replace(/`/g, "")}\``);
  return `${diff.slice(0, start)}${CHARTS_START}\n${where}${inner}${diff.slice(end)}`;
}

/** The comment's body: the marker first (so it can be found again), the diff, the site link, within GitHub's limit. */
export function commentBody(diff: string, link: string): string {
  const text = diff.startsWith(DIFF_MARKER) ? diff : `${DIFF_MARKER}\n${diff}`;
  const tail = `\n---\n${link}\n`;
  const room = GITHUB_COMMENT_LIMIT - tail.length;
  const cut = "\n\n(cut to fit GitHub's comment limit)\n";
  return (text.length <= room ? text : text.slice(0, room - cut.length) + cut) + tail;
}

async function request(ctx: GitHubContext, deps: CommentDeps, what: string, method: string, url: string, body?: unknown): Promise<unknown> {
  const response = await deps.fetch(url, {
    method,
    headers: { authorization: `Bearer ${ctx.token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "content-type": "application/json", "user-agent": "runfolio" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new CommentError(diffMessages.commentRequestFailed(what, response.status, (await response.text()).slice(0, 300)));
  return response.json();
}

/** The pull request's Runfolio comment: the first one, oldest first, whose body holds the marker. */
async function findComment(ctx: GitHubContext, deps: CommentDeps): Promise<number | null> {
  for (let page = 1; ; page++) {
    const url = `${ctx.api}/repos/${ctx.repository}/issues/${ctx.pr}/comments?per_page=100&page=${page}`;
    const list = (await request(ctx, deps, "listing the pull request's comments", "GET", url)) as { id: number; body?: string }[];
    const found = list.find((c) => typeof c.body === "string" && c.body.includes(DIFF_MARKER));
    if (found) return found.id;
    if (list.length < 100) return null;
  }
}

/** `runfolio comment`: 0 when the comment was created or updated, 1 when GitHub refused, 2 on bad usage. */
export async function commentCommand(args: string[], io: CommandIo, deps: CommentDeps = defaultDeps): Promise<number> {
  let file: string | null = null;
  let artifact: string | null = null;
  let siteUrl: string | null = null;
  let chartsArtifact: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--help" || a === "-h") {
      io.stdout(USAGE);
      return 0;
    } else if (a === "--artifact") artifact = args[++i] || null;
    else if (a === "--site-url") siteUrl = args[++i] || null;
    else if (a === "--charts-artifact") chartsArtifact = args[++i] || null;
    else if (a.startsWith("-") || file !== null) {
      io.stderr(`runfolio comment: unexpected argument "${a}"\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (file === null) {
    io.stderr(`runfolio comment: name the file to post\n${USAGE}`);
    return 2;
  }
  const fail = (m: Message, code: number) => {
    io.stderr(`runfolio comment: error ${m.code}: ${m.message}\n${m.hint ? `  hint: ${m.hint}\n` : ""}`);
    return code;
  };
  let diff: string;
  try {
    diff = await deps.readFile(path.resolve(io.cwd, file));
  } catch (e) {
    return fail(diffMessages.noCommentBody(file, (e as Error).message), 2);
  }
  try {
    const ctx = await githubContext(io.env, deps);
    const body = commentBody(chartsForComment(diff, ctx.runUrl, chartsArtifact), siteLine(ctx.runUrl, artifact, siteUrl));
    const existing = await findComment(ctx, deps);
    if (existing === null) {
      const made = (await request(ctx, deps, "creating the comment", "POST", `${ctx.api}/repos/${ctx.repository}/issues/${ctx.pr}/comments`, { body })) as { html_url?: string };
      io.stdout(`runfolio comment: created ${made.html_url ?? "the comment"}\n`);
    } else {
      const made = (await request(ctx, deps, "updating the comment", "PATCH", `${ctx.api}/repos/${ctx.repository}/issues/comments/${existing}`, { body })) as { html_url?: string };
      io.stdout(`runfolio comment: updated ${made.html_url ?? `comment ${existing}`}\n`);
    }
    return 0;
  } catch (e) {
    if (e instanceof CommentError) return fail(e.m, e.m.code === "DIFF005" ? 2 : 1);
    throw e;
  }
}
