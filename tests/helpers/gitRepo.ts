import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Fixed identity and dates, so commits (and their ids) are the same on every run. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
  GIT_AUTHOR_DATE: "2026-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2026-01-01T00:00:00Z",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

export interface TempRepo {
  dir: string;
  git: (...args: string[]) => string;
  /** Writes files, text or bytes (null deletes one), relative to the repository. */
  write: (files: Record<string, string | Uint8Array | null>) => Promise<void>;
  commit: (message: string) => string;
  remove: () => Promise<void>;
}

/** A fresh git repository in a temporary folder, on branch main. */
export async function tempRepo(prefix: string): Promise<TempRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  return {
    dir,
    git,
    async write(files) {
      for (const [file, text] of Object.entries(files)) {
        const at = path.join(dir, file);
        if (text === null) await rm(at, { force: true });
        else {
          await mkdir(path.dirname(at), { recursive: true });
          await writeFile(at, text);
        }
      }
    },
    commit(message) {
      git("add", "-A");
      git("commit", "-q", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
