import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { SiteData } from "../../lib/content/site-data.ts";
import { projectRoot } from "../helpers/built-site.ts";
import { defraAppFixture } from "../helpers/defra-app.ts";

// The fixture's site.json is what step 2 of the README's guide tells an editor to write, so the tests
// that build the fixture build what an editor following the guide would get.
const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
const guide = readme.slice(
  readme.indexOf("## Moving the Defra service manual here"),
  readme.indexOf("\n## ", readme.indexOf("## Moving the Defra service manual here") + 1),
);

describe("the README's guide to moving the Defra service manual here", () => {
  it("shows, in step 2, the site.json the fixture manual is built with", () => {
    const step = guide.slice(guide.indexOf("**2. Write `content/_data/site.json`.**"));
    const block = /```json\n([\s\S]*?)\n```/.exec(step);
    assert.ok(block, "step 2 has a JSON block");
    const written = JSON.parse(block[1]) as unknown;
    const fixture = JSON.parse(readFileSync(path.join(defraAppFixture, "site.json"), "utf8")) as unknown;
    assert.deepEqual(written, fixture);
    assert.ok(SiteData.safeParse(written).success, "a valid site.json");
  });

  it("names the department as the Defra app's header does, and turns off contents lists the app never draws", () => {
    const site = SiteData.parse(JSON.parse(readFileSync(path.join(defraAppFixture, "site.json"), "utf8")));
    assert.equal(site.organisationName, "Department for Environment, Food and Rural Affairs");
    assert.equal(site.markdown.contents, "off");
  });
});
