import { defineConfig } from "vitest/config";

// No test may depend on machine speed. Vitest's 5 s default fails correct tests on a loaded CI
// runner or a 2-core machine shared with other jobs (a first import of zod or vega can take
// seconds there), so the defaults are generous, and tests that start a process or read the whole
// example also name their own timeout. A timeout only catches a hang; timings belong in `npm run bench`.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "site",
          include: ["tests/site/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/site/buildExampleSite.ts"],
          // Site tests build sites (~1 min each on 2 cores) and drive Chromium over them.
          testTimeout: 180_000,
          hookTimeout: 600_000,
          // A page hydrating on a busy machine can take far longer than expect.poll's 1 s default.
          expect: { poll: { timeout: 60_000 } },
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "package",
          include: ["tests/package/**/*.test.ts"],
          environment: "node",
          // npm pack, one install of the tarball and a site build: minutes on 2 busy cores.
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
