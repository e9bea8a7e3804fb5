import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { buildSearchIndex, configLines, reportDoc, runDoc } from "../../src/core/search/buildSearchIndex.ts";
import { excerpt, markdownText } from "../../src/core/search/markdownText.ts";
import { searchIndexOptions, searchQueryOptions, type StoredDoc } from "../../src/core/search/searchOptions.ts";
import type { Run } from "../../src/core/run.ts";

const run = (id: string, extra: Partial<Run> = {}): Run =>
  ({
    id,
    project: id.split("/")[0]!,
    name: id.split("/").slice(1).join("/"),
    group: null,
    tags: [],
    state: "finished",
    notes: null,
    config: {},
    summary: {},
    metrics: [],
    steps: 0,
    ...extra,
  }) as unknown as Run;

const BODY = `Which learning rate trains the model fastest? The **warmup** matters.

\`\`\`chart
title: Validation loss vs. step
y: val/loss
runs: project = "zebrafish"
\`\`\`

| lr | verdict |
|----|---------|
| 1e-3 | quokka |

Some \`inline code\` and a [link](https://example.com).
`;

function docs() {
  return [
    reportDoc({ slug: "lr-sweep", title: "Learning-rate sweep", description: "Four learning rates", authors: ["Ada"], text: markdownText(BODY), href: "/reports/lr-sweep/" }),
    runDoc(run("nanogpt/lr-3e-4-seed1", { group: "lr=3e-4", tags: ["sweep", "baseline"], config: { optimizer: { lr: 3e-4, name: "adamw" }, seed: 1 } }), "/runs/nanogpt/lr-3e-4-seed1/"),
    runDoc(run("nanogpt/lr-3e-3-seed1", { group: "lr=3e-3", tags: ["sweep"], config: { optimizer: { lr: 3e-3, name: "adamw" }, seed: 1 } }), "/runs/nanogpt/lr-3e-3-seed1/"),
    runDoc(run("cifar10/resnet18-seed2", { config: { arch: "resnet18", augment: ["crop", "flip"] }, notes: "baseline with pelican augmentation" }), "/runs/cifar10/resnet18-seed2/"),
  ];
}

function load(json: string) {
  const index = MiniSearch.loadJSON<StoredDoc>(json, searchIndexOptions);
  return (q: string) => index.search(q, searchQueryOptions).map((r) => (r as unknown as StoredDoc).href);
}

describe("search", () => {
  it("turns a report body into text: prose, tables, code, and only the titles of blocks", () => {
    const text = markdownText(BODY);
    expect(text).toContain("Which learning rate trains the model fastest? The warmup matters.");
    expect(text).toContain("Validation loss vs. step");
    expect(text).toContain("quokka");
    expect(text).toContain("inline code");
    expect(text).toContain("link");
    expect(text).not.toContain("zebrafish");
    expect(text).not.toContain("**");
    expect(excerpt("word ".repeat(100), 50).length).toBeLessThanOrEqual(51);
  });

  it("flattens config into sorted key-value lines", () => {
    expect(configLines({ z: 1, optimizer: { lr: 3e-4, betas: [0.9, 0.95] }, a: null })).toEqual([
      "a null",
      "optimizer.betas 0.9 0.95",
      "optimizer.lr 0.0003",
      "z 1",
    ]);
  });

  it("finds runs by name, project, group, tag, config key and value, and reports by body words", () => {
    const search = load(buildSearchIndex(docs()));
    expect(search("lr-3e-4-seed1")[0]).toBe("/runs/nanogpt/lr-3e-4-seed1/");
    expect(search("resnet18")[0]).toBe("/runs/cifar10/resnet18-seed2/");
    expect(search("cifar10")).toEqual(["/runs/cifar10/resnet18-seed2/"]);
    expect(search("baseline").sort()).toEqual(["/runs/cifar10/resnet18-seed2/", "/runs/nanogpt/lr-3e-4-seed1/"]);
    expect(search("optimizer.lr 0.003")).toEqual(["/runs/nanogpt/lr-3e-3-seed1/"]);
    expect(search("flip")).toEqual(["/runs/cifar10/resnet18-seed2/"]);
    expect(search("pelican")).toEqual(["/runs/cifar10/resnet18-seed2/"]);
    expect(search("quokka")).toEqual(["/reports/lr-sweep/"]);
    expect(search("warmup")).toEqual(["/reports/lr-sweep/"]);
    expect(search("zebrafish")).toEqual([]);
    // Every word must match; a typo in a long word is forgiven.
    expect(search("adamw 0.003")).toEqual(["/runs/nanogpt/lr-3e-3-seed1/"]);
    expect(search("pelicon")).toEqual(["/runs/cifar10/resnet18-seed2/"]);
  });

  it("stores only what a result shows, and builds the same bytes whatever the input order", () => {
    const a = buildSearchIndex(docs());
    expect(a).toBe(buildSearchIndex([...docs()].reverse()));
    const stored = MiniSearch.loadJSON<StoredDoc>(a, searchIndexOptions).search("resnet18", searchQueryOptions)[0]!;
    expect(Object.keys(stored).filter((k) => ["kind", "title", "subtitle", "href", "text", "config", "meta"].includes(k)).sort()).toEqual(["config", "href", "kind", "subtitle", "text", "title"]);
    expect(stored.subtitle).toBe("cifar10 · finished");
    expect(stored.text).toBe("baseline with pelican augmentation");
    expect(stored.config).toBe("arch resnet18\naugment crop flip");
  });

  it("ranks a report whose prose discusses a word above runs that have it only in a config key", () => {
    const runs = Array.from({ length: 12 }, (_, i) =>
      runDoc(run(`cifar10/net-${i}`, { config: { schedule: { kind: "cosine", warmup_epochs: 5 }, seed: i } }), `/runs/cifar10/net-${i}/`),
    );
    const reports = [
      reportDoc({ slug: "schedules", title: "Schedules", description: null, authors: [], text: `${"We compare schedules on CIFAR-10 and report accuracy. ".repeat(20)}A longer warmup helped the ViT.`, href: "/reports/schedules/" }),
      reportDoc({ slug: "other", title: "Other", description: null, authors: [], text: "Nothing about it.", href: "/reports/other/" }),
    ];
    const search = load(buildSearchIndex([...runs, ...reports]));
    const found = search("warmup");
    expect(found).toHaveLength(13);
    expect(found[0]).toBe("/reports/schedules/");
    // A run whose name or notes say it still ranks above config-only matches.
    const named = runDoc(run("cifar10/warmup-study", { config: { seed: 1 } }), "/runs/cifar10/warmup-study/");
    expect(load(buildSearchIndex([...runs, named]))("warmup")[0]).toBe("/runs/cifar10/warmup-study/");
  });
});
