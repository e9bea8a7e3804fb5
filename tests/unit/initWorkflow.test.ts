import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { workflowText } from "../../src/cli/commands/init.ts";

interface Step { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string> }
interface Job { if?: string; needs?: string; permissions?: Record<string, string>; steps: Step[] }
interface Workflow { on: Record<string, { branches?: string[] } | null>; permissions: Record<string, string>; jobs: Record<string, Job> }

const workflow = parse(workflowText("trunk")) as Workflow;

describe("the workflow `runfolio init` writes (src/cli/templates/runfolio.yml)", () => {
  it("deploys the chosen branch and keeps every job but one read-only", () => {
    expect(workflow.on.push?.branches).toEqual(["trunk"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(Object.keys(workflow.jobs)).toEqual(["build", "comment", "deploy"]);
    const writers = Object.entries(workflow.jobs).filter(([, j]) => j.permissions?.["pull-requests"] === "write");
    expect(writers.map(([name]) => name)).toEqual(["comment"]);
    expect(workflow.jobs.deploy!.if).toBe("github.event_name != 'pull_request' && github.ref == 'refs/heads/trunk'");
  });

  it("comments on pull requests from this repository with npx runfolio diff --md and npx runfolio comment", () => {
    const job = workflow.jobs.comment!;
    expect(job.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(job.needs).toBe("build");
    expect(job.if).toContain("github.event_name == 'pull_request'");
    // Forks get a read-only token: the job is skipped for them rather than failing.
    expect(job.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
    const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(0);
    const runs = job.steps.map((s) => s.run ?? "");
    const diffStep = runs.indexOf('npx runfolio diff --md --out "$RUNNER_TEMP/runfolio-diff.md"');
    const commentStep = runs.indexOf('npx runfolio comment "$RUNNER_TEMP/runfolio-diff.md" --artifact "$SITE_ARTIFACT" --charts-artifact "$CHARTS_ARTIFACT"');
    expect(runs).toContain("npm ci --no-audit --no-fund");
    expect(diffStep).toBeGreaterThan(runs.indexOf("npm ci --no-audit --no-fund"));
    expect(commentStep).toBeGreaterThan(diffStep);
    expect(job.steps[commentStep]!.env?.GITHUB_TOKEN).toBe("${{ secrets.GITHUB_TOKEN }}");
    expect(job.steps[commentStep]!.env?.SITE_ARTIFACT).toContain("format('site-pr-{0}', github.event.pull_request.number)");
    // The diff's charts (written beside the markdown) are uploaded between the two, and named.
    const charts = job.steps.findIndex((s) => s.name === "Upload the charts");
    expect(charts).toBeGreaterThan(diffStep);
    expect(charts).toBeLessThan(commentStep);
    expect(job.steps[charts]!.with?.path).toBe("${{ runner.temp }}/runfolio-diff-charts/");
    expect(job.steps[charts]!.with?.["if-no-files-found"]).toBe("ignore");
    expect(job.steps[commentStep]!.env?.CHARTS_ARTIFACT).toContain("steps.charts.outputs.artifact-id");
    // The artifact it links to is the one the build job uploads.
    const upload = workflow.jobs.build!.steps.find((s) => s.name === "Upload the site for review");
    expect(upload?.with?.name).toBe("site-pr-${{ github.event.pull_request.number }}");
  });

  it("restores the build cache after npm ci, keyed on the lock file and the runs", () => {
    const steps = workflow.jobs.build!.steps;
    const cache = steps.findIndex((s) => s.uses?.startsWith("actions/cache@"));
    expect(cache).toBeGreaterThan(steps.findIndex((s) => s.run === "npm ci --no-audit --no-fund"));
    expect(cache).toBeLessThan(steps.findIndex((s) => s.run === "npx runfolio build"));
    const w = steps[cache]!.with!;
    expect(w.path).toBe("node_modules/.cache/runfolio");
    expect(w.key).toContain("hashFiles('package-lock.json')");
    expect(w.key).toContain("hashFiles('runs/**')");
    expect(String(w["restore-keys"]).trim().split("\n")).toHaveLength(2);
  });
});
