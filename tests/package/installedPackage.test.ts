/**
 * The npm package as a user gets it: `npm pack`, the tarball installed into a fresh git
 * repository that holds only runs/ and reports/ (copied from the examples), and every command run
 * there through `npx` with only the system Node (20) on PATH. One pack and one install per run:
 * they are the slow part (minutes on a loaded 2-core machine).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const systemNode = findSystemNode();
const LONG = 900_000;

/** A `node` on PATH outside any node_modules whose major version is below 22: the system Node. */
function findSystemNode(): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir || dir.includes("node_modules")) continue;
    const exe = path.join(dir, "node");
    if (!existsSync(exe)) continue;
    try {
      const version = execFileSync(exe, ["--version"], { encoding: "utf8" }).trim();
      if (Number(/^v(\d+)/.exec(version)?.[1]) < 22) return exe;
    } catch {
      // not runnable: try the next
    }
  }
  return null;
}

interface Run {
  code: number;
  out: string;
}

let work = "";
let repo = "";

/** Only the system Node's folder and the basic system folders on PATH; no npm_* variables from the test runner. */
function userEnv(): Record<string, string> {
  return {
    PATH: [path.dirname(systemNode!), "/usr/bin", "/bin"].join(path.delimiter),
    HOME: process.env.HOME ?? os.homedir(),
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    ASTRO_TELEMETRY_DISABLED: "1",
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
  };
}

function run(command: string, args: string[], cwd = repo): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: userEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

const npx = (...args: string[]) => run("npx", ["--no-install", "runfolio", ...args]);

/** The python3 the test runner finds, as an absolute path: the user's PATH below has only system folders. */
const python3 = spawnSync("python3", ["-c", "import venv, ensurepip, sys; print(sys.executable)"], { encoding: "utf8" }).stdout?.trim() ?? "";
const hasVenv = python3 !== "";
if (!hasVenv) console.warn("skipping the Python package step: no python3 with venv and ensurepip");
// Seeding a venv with its own pip (ensurepip) takes a minute on a busy machine; when the base
// Python has pip, the venv borrows it (what it installs still goes into the venv).
const venvArgs = hasVenv && spawnSync(python3, ["-m", "pip", "--version"]).status === 0 ? ["--without-pip", "--system-site-packages"] : [];
const pipRuns = () => (existsSync(path.join(repo, "runs/pip")) ? 1 : 0);

/** The page at `url` once the server answers 200; a server that exits first fails with its log. */
async function poll(url: string, log: () => string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return await res.text();
    } catch {
      // not listening yet
    }
    if (/error|EADDRINUSE/i.test(log()) && !/ready|Local/.test(log())) throw new Error(log());
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no answer from ${url}:\n${log()}`);
}

describe.skipIf(!systemNode)("the runfolio package installed in a training repository (system Node only)", () => {
  let tarball = "";

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), "runfolio-package-"));
    execFileSync("npm", ["pack", "--pack-destination", work], { cwd: repoRoot, stdio: "ignore" });
    tarball = path.join(work, readdirSync(work).find((f) => f.endsWith(".tgz"))!);
    repo = path.join(work, "train-gpt");
    await mkdir(repo);
    await cp(path.join(repoRoot, "runs"), path.join(repo, "runs"), { recursive: true });
    await cp(path.join(repoRoot, "reports"), path.join(repo, "reports"), { recursive: true });
    await writeFile(path.join(repo, "package.json"), `${JSON.stringify({ name: "train-gpt", private: true, scripts: { train: "python train.py" } }, null, 2)}\n`);
    execFileSync("git", ["init", "-q", "-b", "main"], { cwd: repo });
    execFileSync("git", ["remote", "add", "origin", "git@github.com:acme/train-gpt.git"], { cwd: repo });
    const install = await run("npm", ["install", "--save-dev", "--prefer-offline", "--no-audit", "--no-fund", tarball]);
    if (install.code !== 0) throw new Error(`npm install of the tarball failed:\n${install.out}`);
  }, LONG);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("ships the CLI bundle, the app and no tests, and runs on the system Node through the Node it brings", async () => {
    const installed = path.join(repo, "node_modules/runfolio");
    expect(existsSync(path.join(installed, "lib/runfolio.mjs"))).toBe(true);
    expect(existsSync(path.join(installed, "src/pages/index.astro"))).toBe(true);
    expect(existsSync(path.join(installed, "tests"))).toBe(false);
    expect(existsSync(path.join(installed, "src/core/config/parseConfig.test.ts"))).toBe(false);
    const help = await npx("--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("init            set up this repository");
    expect((await run("node", ["--version"])).out.trim()).toMatch(/^v20\./);
  }, LONG);

  it("init writes the scripts, the workflow, .gitignore, runfolio.config.json and a starter report, and says so", async () => {
    const init = await npx("init");
    expect(init.code).toBe(0);
    expect(init.out.split("\n")).toEqual([
      'wrote package.json: added the scripts "dev": "runfolio dev", "build": "runfolio build", "preview": "runfolio preview", "check": "runfolio check"',
      "wrote .github/workflows/runfolio.yml: check on pull requests, build and deploy to GitHub Pages from main",
      "wrote .gitignore: added dist/, node_modules/",
      'wrote runfolio.config.json: title "train-gpt", base /train-gpt/ (from the git remote) (docs/config.md)',
      "wrote reports/overview.md: a starter report over the runs (runfolio new)",
      "",
      "next: npx runfolio dev   (then commit, push, and choose Settings → Pages → Source: GitHub Actions)",
      "",
    ]);
    const manifest = JSON.parse(await readFile(path.join(repo, "package.json"), "utf8"));
    expect(manifest.scripts).toEqual({ train: "python train.py", dev: "runfolio dev", build: "runfolio build", preview: "runfolio preview", check: "runfolio check" });
    expect(JSON.parse(await readFile(path.join(repo, "runfolio.config.json"), "utf8"))).toMatchObject({ version: 1, base: "/train-gpt/", repository: "https://github.com/acme/train-gpt" });
    const again = await npx("init");
    expect(again.out).toContain("nothing to do: this repository is set up already");
    expect(again.out).toContain("skipped .github/workflows/runfolio.yml already exists");
  }, LONG);

  it("the workflow checks pull requests and builds and deploys main to Pages with the least permissions", async () => {
    const workflow = parseYaml(await readFile(path.join(repo, ".github/workflows/runfolio.yml"), "utf8"));
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual(["build", "comment", "deploy"]);
    const build = workflow.jobs.build;
    expect(build.permissions).toEqual({ contents: "read", pages: "read" });
    const runs = build.steps.map((s: { run?: string }) => s.run).filter(Boolean);
    expect(runs).toEqual(expect.arrayContaining(["npm ci --no-audit --no-fund", "npx runfolio check", "npx runfolio build"]));
    expect(runs.indexOf("npx runfolio check")).toBeLessThan(runs.indexOf("npx runfolio build"));
    const base = build.steps.find((s: { name?: string }) => s.name === "Work out the base path");
    expect(base.env.REPOSITORY).toBe("${{ github.event.repository.name }}");
    expect(base.run).toContain('base="/${REPOSITORY}/"');
    const pagesUpload = build.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/upload-pages-artifact"));
    expect(pagesUpload.if).toBe("github.event_name != 'pull_request'");
    expect(pagesUpload.with.path).toBe("dist/");
    const deploy = workflow.jobs.deploy;
    expect(deploy.needs).toBe("build");
    expect(deploy.if).toBe("github.event_name != 'pull_request' && github.ref == 'refs/heads/main'");
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
    expect(deploy.environment.name).toBe("github-pages");
    expect(deploy.steps.map((s: { uses?: string }) => s.uses)).toEqual(["actions/deploy-pages@v4"]);
    const comment = workflow.jobs.comment;
    expect(comment.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(comment.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    expect(comment.steps.map((s: { run?: string }) => s.run).filter(Boolean)).toEqual([
      "npm ci --no-audit --no-fund",
      'npx runfolio diff --md --out "$RUNNER_TEMP/runfolio-diff.md"',
      'npx runfolio comment "$RUNNER_TEMP/runfolio-diff.md" --artifact "$SITE_ARTIFACT" --charts-artifact "$CHARTS_ARTIFACT"',
    ]);
  });

  it.skipIf(!hasVenv)("the Python logger installs with pip into a fresh venv without network and logs a run into runs/", async () => {
    const venv = path.join(work, "venv");
    expect((await run(python3, ["-m", "venv", ...venvArgs, venv])).code).toBe(0);
    const python = path.join(venv, "bin", "python");
    const install = await run(python, ["-m", "pip", "install", "--no-index", "--no-build-isolation", "--disable-pip-version-check", path.join(repoRoot, "python")]);
    expect(install.code, install.out).toBe(0);
    expect(install.out).toContain("Successfully installed runfolio-0.1.0");
    const script = [
      "import runfolio",
      `assert runfolio.__file__.startswith(${JSON.stringify(venv)}), runfolio.__file__`,
      'run = runfolio.init(project="pip", name="installed", config={"lr": 0.01})',
      "for step in range(3):",
      '    run.log({"loss": 1.0 / (step + 1)})',
      "run.finish()",
    ].join("\n");
    const trained = await run(python, ["-c", script]);
    expect(trained.code, trained.out).toBe(0);
    expect(JSON.parse(await readFile(path.join(repo, "runs/pip/installed/run.json"), "utf8"))).toMatchObject({ format_version: 1, state: "finished" });
  }, LONG);

  it("check passes on the runs and reports, and reports a bad runfolio.config.json by line and column", async () => {
    const check = await npx("check");
    expect(check.code).toBe(0);
    expect(check.out).toMatch(new RegExp(`runfolio check: no problems in ${32 + pipRuns()} runs and 4 reports`));
    const configFile = path.join(repo, "runfolio.config.json");
    const good = await readFile(configFile, "utf8");
    await writeFile(configFile, good.replace('"accent": "#2563eb"', '"accent": "blue"'));
    const bad = await npx("check");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/runfolio\.config\.json:7:13: error CONFIG006: expected `accent` to be a hex colour/);
    await writeFile(configFile, good);
  }, LONG);

  it("build writes dist/ with the config's title, base, accent and pages, and the reports have their charts", async () => {
    const configFile = path.join(repo, "runfolio.config.json");
    const config = JSON.parse(await readFile(configFile, "utf8"));
    await writeFile(configFile, JSON.stringify({ ...config, title: "GPT training", accent: "#c026d3", pages: { ...config.pages, feed: false } }, null, 2));
    const build = await npx("build");
    expect(build.code, build.out).toBe(0);
    const dist = path.join(repo, "dist");
    const home = await readFile(path.join(dist, "index.html"), "utf8");
    expect(home).toContain("<title>GPT training</title>");
    expect(home).toContain('href="https://github.com/acme/train-gpt"');
    expect(home).toMatch(/href="\/train-gpt\/reports\/lr-sweep\/"/);
    expect(home).not.toContain("feed.xml");
    expect(existsSync(path.join(dist, "feed.xml"))).toBe(false);
    expect(existsSync(path.join(dist, "search/index.html"))).toBe(true);
    const report = await readFile(path.join(dist, "reports/lr-sweep/index.html"), "utf8");
    expect(report.match(/<figure class="rf-chart/g)?.length).toBeGreaterThanOrEqual(2);
    expect(report).toMatch(/<svg[^>]*class="rf-line-chart"/);
    const css = readdirSync(path.join(dist, "_astro")).filter((f) => f.endsWith(".css"));
    const styles = (await Promise.all(css.map((f) => readFile(path.join(dist, "_astro", f), "utf8")))).join("\n");
    expect(styles).toContain("--accent:#c026d3");
    expect(existsSync(path.join(repo, "node_modules/.cache/runfolio"))).toBe(true);
    if (pipRuns()) expect(await readFile(path.join(dist, "runs/pip/installed/index.html"), "utf8")).toContain("installed");
  }, LONG);

  it("dev serves the reports with live reload and preview serves the built dist/", async () => {
    for (const [command, port] of [["dev", 43917], ["preview", 43918]] as const) {
      const server = spawn("npx", ["--no-install", "runfolio", command, "--port", String(port)], { cwd: repo, env: userEnv(), stdio: ["ignore", "pipe", "pipe"], detached: true });
      let log = "";
      server.stdout.on("data", (d: Buffer) => (log += d.toString()));
      server.stderr.on("data", (d: Buffer) => (log += d.toString()));
      try {
        const page = await poll(`http://127.0.0.1:${port}/train-gpt/reports/lr-sweep/`, () => log);
        expect(page).toContain("<title>Learning-rate sweep");
        expect(page).toContain('class="rf-line-chart"');
      } finally {
        process.kill(-server.pid!, "SIGTERM");
      }
    }
  }, LONG);

  it("new, import and export work from the repository", async () => {
    const made = await npx("new", "lr-check", "--runs", 'project = "nanogpt"');
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain("wrote reports/lr-check.md:");
    expect(made.out).toContain("preview: npx runfolio dev, then open http://localhost:4321/reports/lr-check/");
    const imported = await npx("import", path.join(repoRoot, "tests/fixtures/import/hf-predict-stepless/trainer_state.json"), "--project", "hf");
    expect(imported.code, imported.out).toBe(0);
    expect(readdirSync(path.join(repo, "runs/hf"))).toHaveLength(1);
    const out = path.join(work, "overview.html");
    const exported = await npx("export", "reports/lr-sweep.md", "-o", out);
    expect(exported.code, exported.out).toBe(0);
    const html = await readFile(out, "utf8");
    expect(html).toContain("<svg");
    expect(html).not.toMatch(/<script[^>]+src=/);
    const check = await npx("check");
    expect(check.out).toMatch(new RegExp(`no problems in ${33 + pipRuns()} runs and 5 reports`));
  }, LONG);

  it("leaves no app files in the repository: git sees only the user's data, the config, the workflow and the manifests", () => {
    const untracked = execFileSync("git", ["ls-files", "--others", "--exclude-standard"], { cwd: repo, encoding: "utf8" }).trim().split("\n");
    const outside = untracked.filter((f) => !/^(runs|reports)\//.test(f));
    expect(outside.sort()).toEqual([".github/workflows/runfolio.yml", ".gitignore", "package-lock.json", "package.json", "runfolio.config.json"]);
    expect(readdirSync(repo).sort()).toEqual([".git", ".github", ".gitignore", "dist", "node_modules", "package-lock.json", "package.json", "reports", "runfolio.config.json", "runs"]);
    expect(readdirSync(path.join(repo, "runs")).sort()).toEqual([...readdirSync(path.join(repoRoot, "runs")), "hf", ...(pipRuns() ? ["pip"] : [])].sort());
  });

  it("init in a repository that has a workflow, scripts, a .gitignore and a config overwrites none of them and says what it skipped", async () => {
    const other = path.join(work, "existing");
    await mkdir(path.join(other, ".github/workflows"), { recursive: true });
    const files: Record<string, string> = {
      "package.json": '{\n  "name": "existing",\n  "scripts": { "dev": "vite", "build": "tsc", "preview": "vite preview", "check": "tsc --noEmit" }\n}\n',
      ".github/workflows/runfolio.yml": "name: ours\non: push\njobs: {}\n",
      ".gitignore": "node_modules\ndist\n",
      "runfolio.config.json": '{ "title": "Ours" }\n',
    };
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(other, file), text);
    const init = await npx("init", "--root", other);
    expect(init.code).toBe(0);
    for (const [file, text] of Object.entries(files)) expect(await readFile(path.join(other, file), "utf8")).toBe(text);
    expect(init.out).toContain('skipped package.json: script "build" is already "tsc" (kept; run `npx runfolio build` instead)');
    expect(init.out).toContain("skipped .github/workflows/runfolio.yml already exists (not changed");
    expect(init.out).toContain("skipped dist/ is already in .gitignore");
    expect(init.out).toContain("skipped runfolio.config.json already exists (not changed)");
    expect(init.out).toContain("nothing to do: this repository is set up already");
    expect(readdirSync(other).sort()).toEqual([".github", ".gitignore", "package.json", "runfolio.config.json"]);
  }, LONG);
});

if (!systemNode) {
  describe("the runfolio package installed in a training repository", () => {
    it.skip("skipped: no Node below 22 on PATH outside node_modules (the test needs a system Node 20)", () => {});
  });
}
