/**
 * `runfolio new`'s report, pure: slug, title, run-set expression, the repository's runs and the
 * current time in; the markdown of `reports/<slug>.md` out. The CLI does the disk and the printing.
 */
import type { Run } from "../run.ts";
import { planReport, type PlanResult, type ReportPlan } from "./planReport.ts";
import { checkSlug } from "./reportSlug.ts";
import { writeReport } from "./writeReport.ts";

export interface NewReportInput {
  slug: string;
  /** Default: the slug in words (`lr-sweep` → `Lr sweep`). */
  title?: string | null;
  /** The `--runs` expression; default: the project with the most runs. */
  runSet?: string | null;
  /** Every run of the repository (`loadAllRuns`). */
  runs: readonly Run[];
  /** Now; the report's date is its UTC day. */
  now: Date;
}

export type NewReportResult =
  | { ok: true; text: string; plan: ReportPlan }
  | Exclude<PlanResult, { ok: true }>
  | { ok: false; kind: "badSlug"; message: string; suggestion: string | null };

export function newReport(input: NewReportInput): NewReportResult {
  const slug = checkSlug(input.slug);
  if (!slug.ok) return { ok: false, kind: "badSlug", message: slug.message, suggestion: slug.suggestion };
  const planned = planReport(input.runs, input.runSet ?? null);
  if (!planned.ok) return planned;
  const title = input.title ?? titleFromSlug(input.slug);
  return { ok: true, text: writeReport({ title, date: utcDay(input.now), plan: planned.plan }), plan: planned.plan };
}

/** `2026-11-20`: the UTC calendar day, so a report's date does not depend on the machine's zone. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** `lr-sweep-2` → `Lr sweep 2`. */
export function titleFromSlug(slug: string): string {
  const words = slug.split("-").filter(Boolean).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
