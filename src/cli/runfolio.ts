/**
 * The `runfolio` command: dispatches to a subcommand and sets the exit code. Each subcommand is a
 * function of its arguments and injected I/O, so tests call it without spawning a process.
 */
import type { CommandIo } from "./commands/check.ts";

const USAGE = `usage: runfolio <command> [options]

commands:
  init            set up this repository: npm scripts, a GitHub Pages workflow, runfolio.config.json
  dev             serve the site with live reload (runs/ and reports/ of the current folder)
  build           build the site into dist/
  preview         serve the built dist/
  import <path>   bring runs in from W&B, MLflow, Hugging Face, Lightning, Keras, TensorBoard, DVC or logs
  check           check runs/ and reports/ without building
  new <slug>      write reports/<slug>.md, a report to start from, built from the runs
  export <report> write a report as one self-contained HTML file (opens offline)
  diff [<base>] [<head>]  runs and reports changed between two revisions (--md for a PR comment)
  comment <file>  post or update the pull request's one Runfolio comment (in GitHub Actions)
  cache           fill the build cache for a share of the runs (--shard i/n, for a CI matrix)

Run \`runfolio <command> --help\` for a command's options.
`;

export async function main(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "dev":
    case "build":
    case "preview": {
      const { siteCommand } = await import("./commands/site.ts");
      return siteCommand(command, args, io);
    }
    case "init": {
      const { initCommand } = await import("./commands/init.ts");
      return initCommand(args, io);
    }
    case "import": {
      const { importCommand } = await import("./commands/import.ts");
      return importCommand(args, io);
    }
    case "check": {
      const { checkCommand } = await import("./commands/check.ts");
      return checkCommand(args, io);
    }
    case "new": {
      const { newCommand } = await import("./commands/new.ts");
      return newCommand(args, io);
    }
    case "export": {
      const { exportCommand } = await import("./commands/export.ts");
      return exportCommand(args, io);
    }
    case "diff": {
      const { diffCommand } = await import("./commands/diff.ts");
      return diffCommand(args, io);
    }
    case "comment": {
      const { commentCommand } = await import("./commands/comment.ts");
      return commentCommand(args, io);
    }
    case "cache": {
      const { cacheCommand } = await import("./commands/cache.ts");
      return cacheCommand(args, io);
    }
    case undefined:
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`runfolio: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

// `runfolio import … | head` closes the pipe early; that is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
