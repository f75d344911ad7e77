// Checks a Renovate extract report (--report-type=file) against the pins this
// repository really has. The expected list is read from the files with plain
// patterns of its own, not with renovate.json's, so a pin Renovate misses, or
// reads at another version, fails the check.
//
// Usage: node renovate-expect.mjs REPO_ROOT REPORT_JSON
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const [root, reportPath] = process.argv.slice(2);
const read = (file) => readFileSync(join(root, file), "utf8");
const tracked = (pattern) =>
  execFileSync("git", ["-C", root, "ls-files", "--", pattern], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean);

// Lookups are off, so these reasons only say "would need the network".
const OFFLINE_SKIPS = new Set(["github-token-required"]);
const expected = [];
const expect = (manager, file, depName, currentValue, currentDigest) =>
  expected.push({ manager, file, depName, currentValue, currentDigest });

// --- image-project/pom.xml: the image's pins, one property each --------------
const imagePom = "image-project/pom.xml";
const pom = read(imagePom);
// Top-level properties only; profiles override some of them with local images.
const properties = pom.slice(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
const property = (name) => {
  const m = properties.match(new RegExp(`<${name.replaceAll(".", "\\.")}>([^<]+)</`));
  if (!m) throw new Error(`${imagePom} has no <${name}> property`);
  return m[1].trim();
};
const image = (name) => {
  const m = property(name).match(/^([^:@]+):([^@]+)@(sha256:[0-9a-f]{64})$/);
  if (!m) throw new Error(`<${name}> is not name:tag@sha256:digest: ${property(name)}`);
  return m.slice(1);
};
expect("regex", imagePom, "tailscale", property("tailscale.version"));
expect("regex", imagePom, "busybox", property("busybox.version"));
expect("regex", imagePom, "go", property("go.version"));
expect("regex", imagePom, ...image("builder.image"));
expect("regex", imagePom, ...image("busybox.stage.image"));
const annotated = (properties.match(/<!--\s*renovate:/g) ?? []).length;

// --- Maven wrapper ---------------------------------------------------------------
const wrapperFile = ".mvn/wrapper/maven-wrapper.properties";
const wrapper = read(wrapperFile);
expect("maven-wrapper", wrapperFile, "maven", wrapper.match(/apache-maven-([^/]+?)-bin\.zip/)[1]);
expect("maven-wrapper", wrapperFile, "maven-wrapper", wrapper.match(/^wrapperVersion=(\S+)/m)[1]);

// --- Maven plugins with a literal version, in every project pom -------------------
for (const file of tracked("*pom.xml").filter((f) => !/(^|\/)src\//.test(f))) {
  const plugin = /<plugin>\s*(?:<groupId>([^<]+)<\/groupId>\s*)?<artifactId>([^<]+)<\/artifactId>\s*<version>([^<$]+)<\/version>/g;
  for (const m of read(file).matchAll(plugin)) {
    expect("maven", file, `${m[1] ?? "org.apache.maven.plugins"}:${m[2]}`, m[3].trim());
  }
}

// --- Woodpecker pipelines: every image: line -------------------------------------
for (const file of tracked(".woodpecker/*.yaml")) {
  for (const m of read(file).matchAll(/^\s*(?:-\s*)?image:\s*["']?([^\s"':@]+):([^\s"'@]+)/gm)) {
    expect("woodpecker", file, m[1], m[2]);
  }
}

// --- tools the .ci check scripts install ------------------------------------------
for (const file of tracked(".ci/check-*.sh")) {
  for (const m of read(file).matchAll(/#\s*renovate:.*\bdepName=(\S+)\s*\n[A-Z_]+=(\S+)/g)) {
    expect("regex", file, m[1], m[2]);
  }
}

// --- compare with the report -----------------------------------------------------
const report = JSON.parse(readFileSync(reportPath, "utf8"));
const repository = Object.values(report.repositories ?? {})[0];
if (!repository) throw new Error(`${reportPath} holds no repository`);
const found = [];
for (const [manager, packageFiles] of Object.entries(repository.packageFiles ?? {})) {
  for (const packageFile of packageFiles) {
    for (const dep of packageFile.deps ?? []) found.push({ manager, file: packageFile.packageFile, ...dep });
  }
}

const problems = [];
for (const want of expected) {
  const label = `${want.manager} ${want.file} ${want.depName} ${want.currentValue}${want.currentDigest ? "@" + want.currentDigest.slice(0, 19) + "…" : ""}`;
  const dep = found.find(
    (d) => d.manager === want.manager && d.file === want.file && d.depName === want.depName && d.currentValue === want.currentValue,
  );
  if (!dep) {
    const other = found.find((d) => d.manager === want.manager && d.file === want.file && d.depName === want.depName);
    problems.push(`not reported: ${label}${other ? ` (reported at ${other.currentValue})` : ""}`);
  } else if (want.currentDigest && dep.currentDigest !== want.currentDigest) {
    problems.push(`wrong digest: ${label} (reported ${dep.currentDigest})`);
  } else if (dep.skipReason && !OFFLINE_SKIPS.has(dep.skipReason)) {
    problems.push(`skipped (${dep.skipReason}): ${label}`);
  } else {
    console.log(`  ok  ${label}${dep.datasource ? ` [${dep.datasource}]` : ""}`);
  }
}
const fromImagePom = found.filter((d) => d.manager === "regex" && d.file === imagePom).length;
if (fromImagePom !== annotated) {
  problems.push(`${imagePom} has ${annotated} renovate: comments but Renovate read ${fromImagePom} pins there`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`  FAIL ${p}`);
  console.error(`${expected.length - problems.length} passed, ${problems.length} failed`);
  process.exit(1);
}
console.log(`${expected.length} passed, 0 failed`);
